// The daemon's socket is moved away and back while `glasshouse watch` runs (`mv docker.sock
// docker.sock.away`, then back): the event stream holds on its open connection, but every new
// request fails with ENOENT. Once the socket is back the engine must be reachable again and the
// containers named, without waiting for the next container event. A private dockerd of our own
// stands in for the daemon, so the shared socket is never touched.
import { execSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ContainerInfo, HostSnapshot } from '../../shared/model'
import { applyPatch } from '../../shared/snapshot-patch'
import { TEST_IMAGE, TEST_LABEL, testRun } from './support/docker'
import { startPrivateDaemon, type PrivateDaemon } from './support/private-daemon'
import { startWatch, type WatchProcess } from './support/watch-process'

let daemon: PrivateDaemon | undefined
let watch: WatchProcess | undefined
const trigger = mkdtempSync(join(tmpdir(), 'gh-socket-moved-'))
const KEEP = `gh-moved-keep-${process.pid}`
const EXITS = `gh-moved-exits-${process.pid}`
let keepId = ''
let exitsId = ''

beforeAll(async () => {
  daemon = await startPrivateDaemon()
  execSync(`docker save ${TEST_IMAGE} | docker -H ${daemon.host} load`, { stdio: 'ignore' })
  const run = (name: string, ...args: string[]): string =>
    daemon!.docker('run', '-d', '--network', 'none', '--name', name, '--label', `${TEST_LABEL}=${testRun()}`, ...args)
  keepId = run(KEEP, TEST_IMAGE, 'sleep', '3600')
  // Exits by itself once the test creates /w/go: a container event while no new connection can be made.
  exitsId = run(EXITS, '-v', `${trigger}:/w`, TEST_IMAGE, 'sh', '-c', 'until [ -e /w/go ]; do sleep 0.1; done')
}, 60_000)

afterAll(async () => {
  try {
    await watch?.stop()
  } finally {
    await daemon?.destroy()
    rmSync(trigger, { recursive: true, force: true })
  }
}, 60_000)

/** The host as a page sees it: the first snapshot with every patch since applied. */
function view(w: WatchProcess): HostSnapshot | null {
  let snapshot: HostSnapshot | null = null
  for (const { message } of w.messages) {
    if (message.type === 'snapshot') snapshot = message.snapshot
    else if (message.type === 'patch' && snapshot) snapshot = applyPatch(snapshot, message.patch)
  }
  return snapshot
}

async function until(what: string, holds: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!holds()) {
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms: ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

const container = (w: WatchProcess, id: string): ContainerInfo | undefined => view(w)?.containers.find((c) => c.id === id)

describe('the socket moved away and back while the event stream holds', () => {
  it('the engine is reachable again, and the containers named, within seconds of the socket coming back', async () => {
    const d = daemon!
    const w = startWatch(['--interval', '500ms'], { ...process.env, DOCKER_HOST: d.host })
    watch = w
    await until('the container named', () => container(w, keepId)?.name === KEEP, 15_000)
    // The event stream has connected (its 'connected' asks the daemon once more): from here it holds.
    await w.waitFor((m) => m.type === 'patch' || m.type === 'sample', 10_000)

    d.moveSocketAway()
    // Node's global agent keeps idle connections for 5 s (keep-alive): a read within that time reuses
    // one and still succeeds. Past it, every read needs a new connection, as after any quiet spell.
    await new Promise((resolve) => setTimeout(resolve, 6_000))
    writeFileSync(join(trigger, 'go'), '')
    // The die event comes through the open stream; the read it causes cannot connect.
    await until('the engine unreachable, with ENOENT', () => {
      const engine = view(w)?.engine
      return engine?.reachable === false && engine.error.includes('ENOENT')
    }, 15_000)
    await until('the container found by its cgroup only', () => container(w, keepId)?.source === 'cgroup', 10_000)
    expect(container(w, keepId)?.name).toBe(keepId.slice(0, 12))

    // Away a while longer, so that the retries have backed off past their first steps.
    await new Promise((resolve) => setTimeout(resolve, 3_000))
    d.putSocketBack()
    const backAt = Date.now()
    // Backoff 250 ms doubling to 5 s: the next retry after the socket is back is at most 5 s away.
    // A generous bound; without retries the names came back only at the next container event.
    await until('the engine reachable again', () => view(w)?.engine.reachable === true, 20_000)
    const tookMs = Date.now() - backAt
    await until('both containers named again', () => container(w, keepId)?.name === KEEP && container(w, exitsId)?.name === EXITS, 10_000)
    expect(container(w, keepId)?.source).toBe('engine')
    expect(container(w, exitsId)?.pid).toBeNull()
    console.info(`engine reachable again within ${tookMs} ms of the socket coming back`)
    expect(w.child.exitCode).toBeNull()
  }, 90_000)
})
