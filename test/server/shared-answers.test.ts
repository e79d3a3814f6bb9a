// Serve mode makes each answer into bytes once for every client asking for the same value, and
// compresses it when the client accepts gzip or br: on a real server with a real HTTP client.
import { request } from 'node:http'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { HostSnapshot } from '../../shared/model'
import { startServer, type RunningServer } from '../../main/server/serve'
import { COMPRESS_FROM_BYTES, negotiateEncoding } from '../../main/server/shared-encodings'
import { createToken } from '../../main/server/token'
import { fakeBackend } from '../support/fake-backend'
import { makeRendererDir, type RendererDir } from '../support/renderer-dir'

/** A snapshot-like value that counts how often it is serialised. */
function countedValue(label: string, padding: number): { value: HostSnapshot; serialised: () => number } {
  let count = 0
  const value = {
    label,
    containers: Array.from({ length: padding }, (_, i) => ({ id: `${label}-${i}`, name: `container number ${i}` })),
    toJSON(this: Record<string, unknown>) {
      count++
      return { label: this.label, containers: this.containers }
    }
  }
  return { value: value as unknown as HostSnapshot, serialised: () => count }
}

let renderer: RendererDir
let server: RunningServer
let token: string
let current = countedValue('a', 500)

beforeAll(async () => {
  renderer = makeRendererDir()
  token = createToken()
  const backend = fakeBackend()
  backend.handlers['snapshot:get'] = async () => current.value
  server = await startServer({ backend, rendererDir: renderer.dir, host: '127.0.0.1', port: 0, hostGivenExplicitly: false, token, log: () => undefined })
})

afterAll(async () => {
  await server.close()
  renderer.remove()
})

function snapshotGet(acceptEncoding?: string, channel = 'snapshot:get'): Promise<{ status: number; encoding: string | undefined; vary: string | undefined; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }
    if (acceptEncoding !== undefined) headers['Accept-Encoding'] = acceptEncoding
    const req = request({ host: '127.0.0.1', port: server.port, path: `/api/invoke/${channel}`, method: 'POST', headers }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, encoding: res.headers['content-encoding'], vary: res.headers.vary, body: Buffer.concat(chunks) })
      )
    })
    req.on('error', reject)
    req.end('{"args":[]}')
  })
}

describe('choosing an encoding', () => {
  it('prefers br, then gzip, honours q=0, and falls back to none', () => {
    expect(negotiateEncoding('gzip, deflate, br')).toBe('br')
    expect(negotiateEncoding('gzip, deflate')).toBe('gzip')
    expect(negotiateEncoding('br;q=0, gzip;q=0.5')).toBe('gzip')
    expect(negotiateEncoding('BR')).toBe('br')
    expect(negotiateEncoding('identity')).toBe('identity')
    expect(negotiateEncoding('')).toBe('identity')
    expect(negotiateEncoding(undefined)).toBe('identity')
    expect(negotiateEncoding('gzip;q=0')).toBe('identity')
  })
})

describe('answers shared by every client', () => {
  it('serialises one value once for 30 concurrent clients, whatever encodings they accept', async () => {
    current = countedValue('b', 500)
    const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => snapshotGet(['gzip, deflate, br', 'gzip', undefined][i % 3])))
    expect(current.serialised()).toBe(1)
    const expected = JSON.stringify({ ok: true, value: current.value })
    for (const answer of answers) {
      expect(answer.status).toBe(200)
      expect(answer.vary).toBe('Accept-Encoding')
      const text =
        answer.encoding === 'br' ? brotliDecompressSync(answer.body) : answer.encoding === 'gzip' ? gunzipSync(answer.body) : answer.body
      expect(text.toString('utf8')).toBe(expected)
    }
    expect(answers.map((a) => a.encoding ?? 'identity').sort()).toEqual([...Array(10).fill('br'), ...Array(10).fill('gzip'), ...Array(10).fill('identity')])
    // Compressed, the answer is much smaller than the JSON.
    const gzipped = answers.find((a) => a.encoding === 'gzip')!
    expect(gzipped.body.length).toBeLessThan(expected.length / 4)
  })

  it('serialises a new value when the value changes, and keeps only the last one', async () => {
    const first = countedValue('c', 500)
    const second = countedValue('d', 500)
    current = first
    await snapshotGet('gzip')
    current = second
    await snapshotGet('gzip')
    current = first
    await snapshotGet('gzip')
    // c, then d, then c again: the answer for c was not kept once d replaced it.
    expect(first.serialised()).toBe(2)
    expect(second.serialised()).toBe(1)
  })

  it('sends small answers uncompressed, and errors as they are', async () => {
    const small = await snapshotGet('gzip, br', 'app:info')
    expect(small.encoding).toBeUndefined()
    expect(small.body.length).toBeLessThan(COMPRESS_FROM_BYTES)
    expect(JSON.parse(small.body.toString('utf8'))).toMatchObject({ ok: true, value: { carrier: 'serve' } })
    const failed = await snapshotGet('gzip', 'recording:open')
    expect(failed.status).toBe(400)
    expect(failed.encoding).toBeUndefined()
    expect(JSON.parse(failed.body.toString('utf8'))).toMatchObject({ ok: false, error: { code: 'bad-request' } })
  })
})
