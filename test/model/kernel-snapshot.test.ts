// The whole kernel-side pipeline (scan → join → cgroup read → namespaces) on fixture trees:
// a cgroup v2 host, with the cgroupfs and with the systemd driver, which this machine cannot show.
import { afterAll, describe, expect, it } from 'vitest'
import { engineNotAsked, snapshotFromKernel } from '../../main/model/kernel-snapshot'
import { formatSummary } from '../../main/cli/format-summary'
import { cgroupRootOf } from '../probe/cgroup-fixture'
import { CONTAINER_INIT, procTreeFor } from './proc-tree'

const dirs: Array<() => void> = []

function procTree(fixture: string): string {
  const tree = procTreeFor(fixture)
  dirs.push(tree.remove)
  return tree.root
}

afterAll(() => {
  for (const remove of dirs) remove()
})

describe.each([
  ['v2-cgroupfs', '/docker/9a8b7c6d5e4f30211203f4e5d6c7b8a99a8b7c6d5e4f30211203f4e5d6c7b8a9', { memoryBytes: 67108864, cpuQuotaCores: 0.5, cpusetCpus: '0', pidsMax: 50 }],
  [
    'v2-systemd',
    '/system.slice/docker-c0ffee00deadbeef0123456789abcdefc0ffee00deadbeef0123456789abcdef.scope',
    { memoryBytes: null, cpuQuotaCores: null, cpusetCpus: null, pidsMax: null }
  ]
])('kernel view on %s', (fixture, cgroupPath, limits) => {
  const snapshot = snapshotFromKernel(engineNotAsked('fixture'), { procRoot: procTree(fixture), cgroupRoot: cgroupRootOf(fixture) })

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
