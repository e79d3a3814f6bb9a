// `glasshouse watch --json` as users run it: a snapshot first, then samples at the interval,
// a patch when a container starts, clean exits, and a daemon that goes away and comes back.
import { execFileSync, execSync } from 'node:child_process'
import { afterAll, describe, expect, it } from 'vitest'
import type { LiveMessage, SampleMessage, SnapshotPatch } from '../../shared/live'
import { glasshouse } from './support/cli'
import { TEST_IMAGE, removeContainers, runContainer } from './support/docker'
import { startPrivateDaemon, type PrivateDaemon } from './support/private-daemon'
import { startWatch, type WatchProcess } from './support/watch-process'

const started: string[] = []
const watches: WatchProcess[] = []
let daemon: PrivateDaemon | null = null

afterAll(async () => {
  for (const w of watches) await w.stop()
  removeContainers(started)
  await daemon?.destroy()
}, 60_000)

const isPatchAdding = (id: string) => (m: LiveMessage): m is { type: 'patch'; patch: SnapshotPatch } =>
  m.type === 'patch' && m.patch.upsert.containers.some((c) => c.id === id && c.pid !== null)

describe('glasshouse watch --json', () => {
  it('starts with one snapshot, then samples at the interval; --count ends it', async () => {
    const id = runContainer(`gh-watch-count-${process.pid}`, ['--memory', '48m'])
    started.push(id)
    const w = startWatch(['--interval', '250ms', '--count', '4'])
    watches.push(w)
    expect(await w.exited).toBe(0)
    const types = w.messages.map((m) => m.message.type)
    expect(types[0]).toBe('snapshot')
    expect(types.filter((t) => t === 'snapshot')).toHaveLength(1)
    const samples = w.messages.map((m) => m.message).filter((m): m is SampleMessage => m.type === 'sample')
    expect(samples).toHaveLength(4)
    const mine = samples.at(-1)?.containers.find((c) => c.id === id)
    expect(mine?.memory.limitBytes).toBe(48 * 1024 * 1024)
    expect(mine?.memory.usageBytes).toBeGreaterThan(0)
    expect(mine?.cpu.cores).not.toBeNull()
    expect(samples.at(-1)?.intervalMs).toBeGreaterThan(200)
    expect(samples.at(-1)?.intervalMs).toBeLessThan(400)
  })

  it('shows a container started during the watch in a patch within a second', async () => {
    const w = startWatch([])
    watches.push(w)
    await w.waitFor((m) => m.type === 'sample', 10_000)
    const from = w.messages.length
    const id = runContainer(`gh-watch-new-${process.pid}`, [])
    const returned = Date.now()
    started.push(id)
    const patch = await w.waitFor(isPatchAdding(id), 5_000, from)
    expect(patch.receivedAt - returned).toBeLessThan(1000)
    const event = await w.waitFor((m) => m.type === 'event' && m.kind === 'container-start' && m.containerId === id, 5_000, from)
    expect(event.message).toMatchObject({ containerName: `gh-watch-new-${process.pid}` })
    // It is sampled from then on.
    await w.waitFor((m) => m.type === 'sample' && m.containers.some((c) => c.id === id), 3_000, from)
    expect(await w.stop()).toBe(130)
  })

  it('Ctrl-C ends it cleanly with exit code 130', async () => {
    const w = startWatch(['--interval', '500ms'])
    watches.push(w)
    await w.waitFor((m) => m.type === 'sample', 10_000)
    expect(await w.stop()).toBe(130)
    expect(w.stderr()).toBe('')
  })

  it('refuses an interval outside 250 ms – 60 s and a bad count in one line of its own, exit code 2', async () => {
    for (const args of [['--interval', '100ms'], ['--interval', 'soon'], ['--interval', '-1'], ['--count', '0'], ['--count', '99999999999999999999']]) {
      const refused = await glasshouse(['watch', ...args]).then(
        () => null,
        (error: { code: number; stderr: string; stdout: string }) => error
      )
      expect(refused, args.join(' ')).toMatchObject({ code: 2, stdout: '' })
      expect(refused?.stderr, args.join(' ')).toMatch(/^glasshouse watch: --(interval|count) must be [^\n]*, got "[^"\n]*"\n$/)
    }
  })

  it('reports a real OOM kill as one event, seen by the kernel and by Docker', async () => {
    const id = runContainer(`gh-watch-oom-${process.pid}`, ['--network', 'none', '-m', '16m', '--memory-swap', '16m'])
    started.push(id)
    const w = startWatch(['--interval', '500ms'])
    watches.push(w)
    await w.waitFor((m) => m.type === 'sample' && m.containers.some((c) => c.id === id), 15_000)
    // dd fills a 64 MiB buffer in a 16 MiB cgroup without swap: the kernel kills it (kernel-facts §5.5).
    let status: number | null = null
    try {
      execFileSync('docker', ['exec', id, 'dd', 'if=/dev/zero', 'of=/dev/null', 'bs=64M', 'count=1'], { stdio: 'ignore' })
      status = 0
    } catch (error) {
      status = (error as { status: number | null }).status
    }
    expect(status).toBe(137)
    const isOom = (m: LiveMessage): boolean => m.type === 'event' && m.containerId === id && (m.kind === 'oom-kill' || m.kind === 'container-oom')
    const first = await w.waitFor(isOom, 15_000)
    // Watched as root: the kernel log names the process the OOM killer chose (a third witness).
    expect(first.message).toMatchObject({ kind: 'oom-kill', sources: ['kernel', 'docker', 'kernel-log'], detail: { kills: 1, oomKills: 1, killedComm: 'dd' } })
    // Past the matching window (the interval and 2 s) and a few ticks more: no second report of the same kill.
    await new Promise((resolve) => setTimeout(resolve, 4_000))
    expect(w.messages.filter((m) => isOom(m.message))).toHaveLength(1)
    expect(await w.stop()).toBe(130)
  }, 60_000)

  it('survives the daemon stopping and starting again: unreachable, then a resync', async () => {
    daemon = await startPrivateDaemon()
    execSync(`docker save ${TEST_IMAGE} | docker -H ${daemon.host} load`, { stdio: 'ignore' })
    const id = daemon.docker('run', '-d', '--network', 'none', TEST_IMAGE, 'sleep', '3600')
    const w = startWatch(['--interval', '250ms'], { ...process.env, DOCKER_HOST: daemon.host })
    watches.push(w)
    const first = await w.waitFor((m) => m.type === 'snapshot', 10_000)
    const snapshot = first.message.type === 'snapshot' ? first.message.snapshot : null
    expect(snapshot?.engine.reachable).toBe(true)
    expect(snapshot?.containers.find((c) => c.id === id)?.source).toBe('engine')

    await daemon.stop()
    const down = await w.waitFor((m) => m.type === 'engine' && !m.state.reachable, 15_000)
    const downAt = w.messages.indexOf(down)
    // The kernel view goes on while the daemon is away: samples keep coming.
    await w.waitFor((m) => m.type === 'sample', 5_000, downAt + 1)

    await daemon.start()
    const up = await w.waitFor((m) => m.type === 'engine' && m.state.reachable, 30_000, downAt + 1)
    const upAt = w.messages.indexOf(up)
    const resync = w.messages.slice(downAt + 1, upAt + 1).find((m) => m.message.type === 'patch' && m.message.patch.engine?.reachable)
    expect(resync).toBeDefined()
    expect(w.child.exitCode).toBeNull()
    await w.waitFor((m) => m.type === 'sample', 5_000, upAt + 1)
    expect(await w.stop()).toBe(130)
  }, 90_000)
})
