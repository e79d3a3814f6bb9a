// The whole kernel-side pipeline (scan → join → cgroup read → namespaces) on fixture trees:
// a cgroup v2 host, with the cgroupfs and with the systemd driver, which this machine cannot show.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { engineNotAsked, snapshotFromKernel } from '../../main/model/kernel-snapshot'
import { formatSummary } from '../../main/cli/format-summary'
import { V1_HOST } from '../probe/support/paths'
import { cgroupRootOf } from '../probe/cgroup-fixture'

const CONTAINER_INIT = 8495 // a default container's init in the captured v1 tree
const KTHREADD = 2
const dirs: string[] = []

/** A /proc tree whose container init sits in the cgroup listed in the fixture's proc-cgroup.txt. */
function procTreeFor(fixture: string): string {
  const root = mkdtempSync(join(tmpdir(), 'glasshouse-proc-'))
  dirs.push(root)
  for (const file of ['stat', 'meminfo']) copyFileSync(join(V1_HOST, file), join(root, file))
  mkdirSync(join(root, 'sys/kernel'), { recursive: true })
  for (const file of ['hostname', 'osrelease', 'cap_last_cap']) copyFileSync(join(V1_HOST, 'sys/kernel', file), join(root, 'sys/kernel', file))
  const cgroupLine = readFileSync(join(cgroupRootOf(fixture), '../../../proc-cgroup.txt'), 'utf8')
  for (const pid of [KTHREADD, CONTAINER_INIT]) {
    const dir = join(root, String(pid))
    mkdirSync(join(dir, 'ns'), { recursive: true })
    for (const file of ['status', 'stat']) copyFileSync(join(V1_HOST, String(pid), file), join(dir, file))
    writeFileSync(join(dir, 'cgroup'), pid === KTHREADD ? '0::/\n' : cgroupLine)
    for (const type of ['cgroup', 'ipc', 'mnt', 'net', 'pid', 'time', 'user', 'uts']) {
      symlinkSync(readlinkSync(join(V1_HOST, String(pid), 'ns', type)), join(dir, 'ns', type))
    }
  }
  return root
}

afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
})

describe.each([
  ['v2-cgroupfs', '/docker/9a8b7c6d5e4f30211203f4e5d6c7b8a99a8b7c6d5e4f30211203f4e5d6c7b8a9', { memoryBytes: 67108864, cpuQuotaCores: 0.5, cpusetCpus: '0', pidsMax: 50 }],
  [
    'v2-systemd',
    '/system.slice/docker-c0ffee00deadbeef0123456789abcdefc0ffee00deadbeef0123456789abcdef.scope',
    { memoryBytes: null, cpuQuotaCores: null, cpusetCpus: null, pidsMax: null }
  ]
])('kernel view on %s', (fixture, cgroupPath, limits) => {
  const snapshot = snapshotFromKernel(engineNotAsked('fixture'), { procRoot: procTreeFor(fixture), cgroupRoot: cgroupRootOf(fixture) })

  it('reports a v2 host', () => {
    expect(snapshot.host).toMatchObject({ cgroupVersion: 2, cgroupLayout: 'v2' })
  })

  it('finds the container by its cgroup and reads its limits from the v2 files', () => {
    expect(snapshot.containers).toHaveLength(1)
    const c = snapshot.containers[0]
    expect(c).toMatchObject({ source: 'cgroup', cgroupPath, pid: CONTAINER_INIT, processes: [CONTAINER_INIT] })
    expect(c?.limits).toMatchObject(limits)
    expect(c?.id).toBe(/([0-9a-f]{64})/.exec(cgroupPath)?.[1])
  })

  it('marks the host namespaces from kthreadd and the container’s own pid namespace', () => {
    const pidNs = snapshot.namespaces.filter((n) => n.type === 'pid')
    expect(pidNs.map((n) => n.isHost).sort()).toEqual([false, true])
  })

  it('prints a summary naming the host PID and the namespace PID', () => {
    const text = formatSummary(snapshot)
    expect(text).toContain(`host ${CONTAINER_INIT} → 1 in its PID namespace`)
    expect(text).toContain('cgroup v2')
  })
})
