// The talk's own flags on a real container: --cpu-shares lands in v1 cpu.shares, --oom-kill-disable in
// memory.oom_control; the snapshot shows both sides, and findings judge them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { HostSnapshot } from '../../shared/model'
import { findingsFor } from '../../shared/selectors/findings'
import { snapshotJson } from './support/cli'
import { removeContainers, runContainer } from './support/docker'

const limited = `gh-flags-${process.pid}`
const unlimited = `gh-flags-nomem-${process.pid}`
const started: string[] = []
let snapshot: HostSnapshot

beforeAll(async () => {
  started.push(runContainer(limited, ['--cpu-shares', '512', '--oom-kill-disable', '-m', '32m']))
  started.push(runContainer(unlimited, ['--oom-kill-disable']))
  snapshot = await snapshotJson()
}, 30_000)
afterAll(() => removeContainers(started))

describe('--cpu-shares 512 --oom-kill-disable -m 32m', () => {
  it('is declared and enforced, and read from the cgroup files', () => {
    const c = snapshot.containers.find((x) => x.name === limited)
    expect(c?.declared?.resources).toMatchObject({ cpuShares: 512, oomKillDisable: true, memoryBytes: 32 * 2 ** 20 })
    // This host is cgroup v1: shares and the OOM switch are the kernel's own files.
    expect(c?.limits).toMatchObject({ cpuShares: 512, cpuWeight: null, oomKillDisable: true, memoryBytes: 32 * 2 ** 20 })
    expect(c?.usage?.oomKills).toBe(0)
  })

  it('gets a low finding (it hangs at the limit), and no declared-vs-enforced difference', () => {
    const c = snapshot.containers.find((x) => x.name === limited)!
    const findings = findingsFor(snapshot, c)
    expect(findings.find((f) => f.kind === 'oom-kill-disabled')).toMatchObject({ severity: 'low' })
    expect(findings.filter((f) => f.id.endsWith(':cpuShares') || f.id.endsWith(':oomKillDisable'))).toEqual([])
  })

  it('without a memory limit: a high finding, the host can be driven out of memory', () => {
    const c = snapshot.containers.find((x) => x.name === unlimited)!
    expect(c.limits).toMatchObject({ oomKillDisable: true, memoryBytes: null, cpuShares: 1024 })
    expect(findingsFor(snapshot, c).find((f) => f.kind === 'oom-kill-disabled')).toMatchObject({ severity: 'high' })
  })
})
