// OOM attribution through the helper container, on the real daemon and kernel: the helper reads the
// kernel log (/dev/kmsg given read-only, CAP_SYSLOG; docs/kernel-notes.md "The kernel log through the
// helper"), so `snapshot --probe helper` names the process the OOM killer chose, its memory at the kill
// and the kernel's task dump exactly as the in-process root read does. Asserts only on this test's own
// container: other tests OOM-kill theirs at the same time. An unprivileged user in the socket's group (made
// for this test), whose `auto` takes the helper, sees the same kill root sees.
import { execFile } from 'node:child_process'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { HostSnapshot, OomKillRecord } from '../../shared/model'
import { CLI, glasshouse, snapshotJson } from './support/cli'
import { inspect, removeContainers, runContainer } from './support/docker'
import { assertHelperBuilt } from './support/helpers-left'
import { createSocketUser } from './support/socket-user'
import { waitFor } from './support/wait-for'

const name = `gh-helper-oom-${process.pid}`
const started: string[] = []
let id: string
let viaHelper: HostSnapshot
let inProcess: HostSnapshot

beforeAll(async () => {
  assertHelperBuilt()
  // busybox sh execs the last command: `tail` is PID 1, killed at the 16 MiB limit.
  id = runContainer(name, ['-m', '16m', '--memory-swap', '16m'], ['sh', '-c', 'tail /dev/zero'])
  started.push(id)
  await waitFor(() => (inspect(id).State.Status === 'exited' ? true : undefined), 'the container to be OOM-killed', 30_000)
  viaHelper = await snapshotJson(['--probe', 'helper'])
  inProcess = await snapshotJson(['--probe', 'local'])
}, 90_000)
afterAll(() => removeContainers(started))

/** `snapshot --json` by a user made for this test, in the group that may use the daemon's socket. */
async function snapshotAsUser(): Promise<HostSnapshot> {
  const user = createSocketUser(`ghkmsg${process.pid}`)
  try {
    const { file, args, env } = user.command([process.execPath, CLI, 'snapshot', '--json'])
    const stdout = await new Promise<string>((resolve, reject) =>
      execFile(file, args, { env, maxBuffer: 256 * 1024 * 1024 }, (error, out, err) => (error ? reject(new Error(`${error.message}: ${err}`)) : resolve(out)))
    )
    return JSON.parse(stdout) as HostSnapshot
  } finally {
    user.remove()
  }
}

const killsOf = (snapshot: HostSnapshot): OomKillRecord[] => snapshot.containers.find((c) => c.id === id)?.oomKills ?? []

/**
 * The kills two processes read are equal: every field, and the same moment give or take 2 ms (each dates the
 * record's monotonic stamp from its own reading of the wall clock, rounded to the millisecond).
 */
function expectSameKills(read: HostSnapshot, reference: HostSnapshot): void {
  const [got, want] = [killsOf(read), killsOf(reference)]
  expect(got.map((k) => ({ ...k, at: undefined }))).toEqual(want.map((k) => ({ ...k, at: undefined })))
  got.forEach((kill, i) => expect(Math.abs(Date.parse(kill.at) - Date.parse(want[i]!.at))).toBeLessThanOrEqual(2))
}

describe('an OOM kill read through the helper container', () => {
  it('is read by the helper, with the kernel log readable', () => {
    expect(viaHelper.kernelReadBy).toMatchObject({ source: 'helper' })
    expect(viaHelper.problems.filter((p) => p.field === 'oomKills')).toEqual([])
  })

  it('names tail, its host pid, its memory at the kill and the task dump, as the in-process read does', () => {
    const kills = viaHelper.containers.find((c) => c.id === id)?.oomKills
    expect(kills).toHaveLength(1)
    const kill = kills![0]!
    expect(kill).toMatchObject({ comm: 'tail', constraint: 'CONSTRAINT_MEMCG', memcg: `/docker/${id}`, pidInside: null })
    expect(kill.anonRssBytes).toBeGreaterThan(0)
    // The kernel's task dump lists the victim itself among the cgroup's processes.
    expect(kill.tasks?.find((t) => t.hostPid === kill.hostPid)).toMatchObject({ comm: 'tail', rssBytes: expect.any(Number) })
    expectSameKills(viaHelper, inProcess)
  })

  it('snapshot text through the helper names it in one line', async () => {
    const { stdout } = await glasshouse(['snapshot', '--probe', 'helper'])
    const block = stdout.split('\n\n').find((b) => b.includes(`${name} `))
    expect(block).toMatch(/OOM killed {3}tail \(host pid \d+, pid inside unknown: no scan saw it before it died\), anon \d+(\.\d)? MiB at the kill/)
  })

  it('as an unprivileged user (auto takes the helper): the same kill root sees', async () => {
    const asUser = await snapshotAsUser()
    expect(asUser.kernelReadBy).toMatchObject({ source: 'helper' })
    expect(asUser.problems.filter((p) => p.field === 'oomKills')).toEqual([])
    expectSameKills(asUser, inProcess)
  }, 60_000)
})
