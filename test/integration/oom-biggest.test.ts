// What held the memory at an OOM kill, on the real kernel: a container with a sleeping `sleep` beside
// a `tail /dev/zero` that fills its 16 MiB. The kill's task dump (read from /dev/kmsg as root) lists
// both, biggest first: tail, with the resident memory the kernel's kill line gives it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { biggestAtKillText } from '../../shared/selectors/oom-kills'
import { glasshouse, snapshotJson } from './support/cli'
import { inspect, removeContainers, runContainer } from './support/docker'
import { waitFor } from './support/wait-for'

const name = `gh-oom-biggest-${process.pid}`
const started: string[] = []
let id: string

beforeAll(async () => {
  id = runContainer(name, ['--network', 'none', '-m', '16m', '--memory-swap', '16m'], ['sh', '-c', 'sleep 3600 & tail /dev/zero'])
  started.push(id)
  await waitFor(() => (inspect(id).State.Status === 'exited' ? true : undefined), 'the container to be OOM-killed', 30_000)
}, 40_000)
afterAll(() => removeContainers(started))

describe('the biggest processes at an OOM kill', () => {
  it('lists the cgroup’s processes at the kill, biggest first, from the kernel’s task dump', async () => {
    const snapshot = await snapshotJson()
    const kill = snapshot.containers.find((c) => c.id === id)?.oomKills?.at(-1)
    expect(kill?.comm).toBe('tail')
    const tasks = kill!.tasks!
    expect(tasks.map((t) => t.comm)).toEqual(expect.arrayContaining(['tail', 'sleep']))
    expect(tasks[0]).toMatchObject({ comm: 'tail', hostPid: kill!.hostPid })
    // The dump counts pages; the kill line counts kB: the same resident memory.
    expect(tasks[0]!.rssBytes).toBe(kill!.anonRssBytes + kill!.fileRssBytes + kill!.shmemRssBytes)
    for (let i = 1; i < tasks.length; i++) expect(tasks[i]!.rssBytes).toBeLessThanOrEqual(tasks[i - 1]!.rssBytes)
    expect(biggestAtKillText(kill!)).toMatch(/^tail \d+(\.\d)? MiB \(host pid \d+\) · (sleep|sh) [\d.]+ (KiB|MiB) \(host pid \d+\)/)
  })

  it('the live stream (what a recording holds) carries it in its snapshot line', async () => {
    const { stdout } = await glasshouse(['watch', '--json', '--count', '1'])
    const first = JSON.parse(stdout.split('\n')[0]!) as { snapshot: { containers: Array<{ id: string; oomKills?: Array<{ tasks?: unknown[] }> }> } }
    expect(first.snapshot.containers.find((c) => c.id === id)?.oomKills?.at(-1)?.tasks?.length).toBeGreaterThanOrEqual(2)
  })
})
