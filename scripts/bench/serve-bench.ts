// Serve mode under load: bursts of concurrent snapshot:get requests for a synthetic
// 200-container snapshot (about 8 MB of JSON), against the real server in its own process.
// Before (every answer serialised per request, uncompressed) and after (one serialisation per
// snapshot shared by every client, compressed as negotiated) are measured in the same run.
import { spawn, type ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { Agent, request } from 'node:http'
import { resolve } from 'node:path'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import type { BenchContext } from './bench-support'

const CONCURRENT = 200
const BURSTS = 2
const SETTLE_MS = 3000

interface Mode {
  label: string
  share: boolean
  acceptEncoding: string | null
}

const MODES: Mode[] = [
  { label: 'before: serialised per request, uncompressed', share: false, acceptEncoding: null },
  { label: 'shared serialisation, uncompressed', share: true, acceptEncoding: null },
  { label: 'shared, gzip (what Chromium asks for over http)', share: true, acceptEncoding: 'gzip, deflate' },
  { label: 'shared, brotli', share: true, acceptEncoding: 'gzip, deflate, br' }
]

interface Served {
  child: ChildProcess
  port: number
  token: string
  jsonBytes: number
}

function startServer(share: boolean): Promise<Served> {
  const child = spawn(process.execPath, ['--import', 'tsx', resolve(__dirname, 'serve-bench-server.ts'), '--share', share ? 'yes' : 'no'], {
    stdio: ['pipe', 'pipe', 'inherit']
  })
  return new Promise((done, fail) => {
    let out = ''
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      const line = out.split('\n')[0]
      if (out.includes('\n') && line) done({ child, ...(JSON.parse(line) as { port: number; token: string; jsonBytes: number }) })
    })
    child.once('exit', (code) => fail(new Error(`the bench server exited with ${code}`)))
  })
}

interface Answer {
  ms: number
  bytes: number
  body: Buffer
  encoding: string | undefined
}

function snapshotGet(served: Served, agent: Agent, acceptEncoding: string | null): Promise<Answer> {
  const start = process.hrtime.bigint()
  const headers: Record<string, string> = { Authorization: `Bearer ${served.token}`, 'Content-Type': 'application/json' }
  if (acceptEncoding !== null) headers['Accept-Encoding'] = acceptEncoding
  return new Promise((done, fail) => {
    const req = request({ host: '127.0.0.1', port: served.port, path: '/api/invoke/snapshot:get', method: 'POST', headers, agent }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => {
        if (res.statusCode !== 200) return fail(new Error(`snapshot:get answered ${res.statusCode}`))
        const body = Buffer.concat(chunks)
        done({ ms: Number(process.hrtime.bigint() - start) / 1e6, bytes: body.length, body, encoding: res.headers['content-encoding'] })
      })
      res.on('error', fail)
    })
    req.on('error', fail)
    req.end('{"args":[]}')
  })
}

function percentile(samples: readonly number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] as number
}

/** VmRSS and VmHWM (peak) of a process, in MiB. */
function memoryOf(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const kib = (field: string): number => Number(new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? NaN)
  return { rss: kib('VmRSS') / 1024, peak: kib('VmHWM') / 1024 }
}

interface ModeResult {
  mode: Mode
  p50: number
  p95: number
  bytesPerAnswer: number
  rssBefore: number
  rssAfter: number
  peak: number
  decodeMs: number
}

async function benchMode(mode: Mode, ctx: BenchContext): Promise<ModeResult & { jsonBytes: number }> {
  const served = await startServer(mode.share)
  try {
    const agent = new Agent({ keepAlive: false, maxSockets: Infinity })
    // One request first, so start-up costs are not in the burst.
    await snapshotGet(served, agent, mode.acceptEncoding)
    await new Promise((r) => setTimeout(r, 500))
    const rssBefore = memoryOf(served.child.pid!).rss
    const latencies: number[] = []
    let last: Answer | undefined
    for (let burst = 0; burst < BURSTS; burst++) {
      ctx.log(`  serve: ${mode.label}, burst ${burst + 1}/${BURSTS} of ${CONCURRENT}\n`)
      const answers = await Promise.all(Array.from({ length: CONCURRENT }, () => snapshotGet(served, agent, mode.acceptEncoding)))
      latencies.push(...answers.map((a) => a.ms))
      last = answers[0]
    }
    await new Promise((r) => setTimeout(r, SETTLE_MS))
    const { rss: rssAfter, peak } = memoryOf(served.child.pid!)
    // What the browser pays to decode one answer (and a check that it is the snapshot).
    const start = process.hrtime.bigint()
    const decoded = last!.encoding === 'br' ? brotliDecompressSync(last!.body) : last!.encoding === 'gzip' ? gunzipSync(last!.body) : last!.body
    const decodeMs = last!.encoding ? Number(process.hrtime.bigint() - start) / 1e6 : 0
    if (!(JSON.parse(decoded.toString('utf8')) as { ok: boolean }).ok) throw new Error('the answer is not a snapshot')
    agent.destroy()
    return { mode, p50: percentile(latencies, 50), p95: percentile(latencies, 95), bytesPerAnswer: last!.bytes, rssBefore, rssAfter, peak, decodeMs, jsonBytes: served.jsonBytes }
  } finally {
    served.child.stdin?.end()
    served.child.kill('SIGTERM')
  }
}

export async function benchServe(ctx: BenchContext): Promise<string> {
  const results: Array<ModeResult & { jsonBytes: number }> = []
  for (const mode of MODES) results.push(await benchMode(mode, ctx))
  const mb = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(2)} MiB`
  const s = (ms: number): string => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`)
  const rows = results.map(
    (r) =>
      `| ${r.mode.label} | ${s(r.p50)} | ${s(r.p95)} | ${mb(r.bytesPerAnswer)} | ${r.rssBefore.toFixed(0)} MiB | ${r.peak.toFixed(0)} MiB | ${r.rssAfter.toFixed(0)} MiB | ${r.decodeMs ? s(r.decodeMs) : '–'} |`
  )
  return [
    `### Serve under load: ${BURSTS} bursts of ${CONCURRENT} concurrent snapshot:get, snapshot of ${mb(results[0]!.jsonBytes)} JSON`,
    '',
    '| answers | p50 | p95 | bytes per answer | server RSS before | peak RSS | RSS 3 s after | decode one answer (client) |',
    '|---|---|---|---|---|---|---|---|',
    ...rows,
    ''
  ].join('\n')
}
