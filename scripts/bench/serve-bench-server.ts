// The server side of the serve benchmark, in its own process so its memory is its own: serve
// mode (the real startServer, the built renderer) whose snapshot:get answers one synthetic
// 200-container snapshot. Prints { port, token, jsonBytes } as one line, then serves until stdin closes.
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import type { HostSnapshot } from '../../shared/model'
import { startServer } from '../../main/server/serve'
import { createToken } from '../../main/server/token'
import { bigSnapshot } from '../../test/renderer/support/big-snapshot'
import { fakeBackend } from '../../test/support/fake-backend'

const { values } = parseArgs({ options: { share: { type: 'string', default: 'yes' } } })

async function main(): Promise<void> {
  // 200 containers × 12 processes + 80 host processes = 2,480 processes, as in the issue.
  const snapshot = withRealCgroupMemberships(bigSnapshot(200, 12, 80))
  const backend = fakeBackend()
  backend.handlers['snapshot:get'] = async () => snapshot
  const token = createToken()
  const server = await startServer({
    backend,
    rendererDir: resolve(__dirname, '../../out/renderer'),
    host: '127.0.0.1',
    port: 0,
    hostGivenExplicitly: false,
    token,
    log: (line) => process.stderr.write(`${line}\n`),
    shareAnswers: values.share !== 'no',
    // The baseline is the server as it was, with Node's own timeouts: under this load its event
    // loop is blocked for seconds at a time, and today's 10 s header timeout would cut it short.
    ...(values.share === 'no' ? { limits: { headersTimeoutMs: 60_000, requestTimeoutMs: 300_000, timeoutCheckMs: 30_000, idleSocketTimeoutMs: 0 } } : {})
  })
  process.stdout.write(`${JSON.stringify({ port: server.port, token, jsonBytes: Buffer.byteLength(JSON.stringify(snapshot)) })}\n`)
  process.stdin.resume()
  process.stdin.on('end', () => void server.close().then(() => process.exit(0)))
}

/** The synthetic processes leave `cgroups` empty; a cgroup v1 hybrid host (this one) lists 14 per process. */
function withRealCgroupMemberships(snapshot: HostSnapshot): HostSnapshot {
  const controllers = [['cpuset'], ['cpu', 'cpuacct'], ['blkio'], ['memory'], ['devices'], ['freezer'], ['net_cls', 'net_prio'], ['perf_event'], ['hugetlb'], ['pids'], ['rdma'], ['misc'], ['name=systemd'], []]
  for (const process of snapshot.processes) {
    process.cgroups = controllers.map((names, i) => ({ hierarchyId: names.length === 0 ? 0 : 13 - i, controllers: names, path: process.cgroupPath ?? '/' }))
  }
  return snapshot
}

main().catch((error: unknown) => {
  process.stderr.write(`serve bench server failed: ${error instanceof Error ? error.message : String(error)}\n`)
  process.exit(1)
})
