// The text of `glasshouse snapshot`: nested PID namespaces, OOM kills, zombies, the talk's flags,
// and the post-mortem of a container that exited. Built on the snapshot captured from a real host.
import { describe, expect, it } from 'vitest'
import { formatSummary } from '../../main/cli/format-summary'
import type { ContainerInfo, HostSnapshot, ProcessInfo } from '../../shared/model'
import { DOCKER_DEFAULT_CAPS } from '../../shared/capabilities'
import { processCapabilityDiff } from '../../shared/selectors/capability-diff'
import { findingsFor } from '../../shared/selectors/findings'
import { byName, loadVaried } from '../shared/selectors/fixture'

function blockOf(text: string, name: string): string {
  const blocks = text.split('\n\n')
  const block = blocks.find((b) => b.split('\n')[0]?.includes(` ${name} `) || b.split('\n')[0]?.endsWith(` ${name}`))
  if (!block) throw new Error(`no block for ${name} in:\n${text}`)
  return block
}

function zombieOf(parent: ProcessInfo, pid: number, inner: number): ProcessInfo {
  return { ...parent, pid, ppid: parent.pid, state: 'Z', nspid: [pid, inner], startTicks: (parent.startTicks ?? 0) + pid, problems: [] }
}

describe('formatSummary', () => {
  it('says when a container holds a nested PID namespace', () => {
    const text = formatSummary(loadVaried())
    expect(blockOf(text, 'nested')).toContain('a nested PID namespace (2 processes, e.g. host 8433 → 7 → 1)')
    expect(blockOf(text, 'web')).not.toContain('nested PID namespace')
  })

  it('shows the OOM kills, the CPU shares and a disabled OOM killer on the limits line', () => {
    const s: HostSnapshot = loadVaried()
    const web = byName(s, 'web')
    web.limits = { ...web.limits!, cpuShares: 512, cpuWeight: null, oomKillDisable: true }
    web.usage = { ...web.usage!, oomKills: 2 }
    expect(blockOf(formatSummary(s), 'web')).toMatch(/limits .*cpu 0\.5 cores · cpu shares 512 · pids \d+ \/ 50 · OOM killer disabled · 2 OOM kills/)
    web.limits = { ...web.limits, cpuShares: 1024, oomKillDisable: false }
    web.usage = { ...web.usage, oomKills: 0 }
    expect(blockOf(formatSummary(s), 'web')).not.toMatch(/shares|OOM/)
  })

  it('gives one memory line per container with a memory limit or usage: its parts and the docker stats figure', () => {
    const s: HostSnapshot = loadVaried()
    const web = byName(s, 'web')
    const MiB = 2 ** 20
    web.usage = {
      ...web.usage!,
      memoryBytes: 48 * MiB,
      memoryBreakdown: {
        cgroupVersion: 1,
        anonBytes: 12 * MiB,
        activeFileBytes: 20 * MiB,
        inactiveFileBytes: 5 * MiB,
        shmemBytes: 5 * MiB,
        kernelBytes: 1 * MiB,
        sockBytes: null,
        cacheBytes: 30 * MiB,
        mappedFileBytes: 0,
        reclaimableBytes: 25 * MiB
      }
    }
    expect(blockOf(formatSummary(s), 'web')).toContain('\n  memory       12 MiB anon · 30 MiB cache (25 MiB reclaimable) · 5 MiB shmem · 1 MiB kernel · docker stats 43 MiB')
    web.usage = { ...web.usage, memoryBreakdown: null }
    expect(blockOf(formatSummary(s), 'web')).toContain('\n  memory       parts unknown (memory.stat not read)')
    web.limits = { ...web.limits!, memoryBytes: null }
    web.usage = { ...web.usage, memoryBytes: null }
    expect(blockOf(formatSummary(s), 'web')).not.toContain('\n  memory ')
  })

  it('lists the limits the kernel enforces otherwise than declared, the same ones Findings reports', () => {
    const s: HostSnapshot = loadVaried()
    const web = byName(s, 'web')
    expect(blockOf(formatSummary(s), 'web')).not.toContain('≠ declared')
    web.limits = { ...web.limits!, memorySwapBytes: 96 * 2 ** 20, pidsMax: 40 }
    const line = blockOf(formatSummary(s), 'web').split('\n').find((l) => l.includes('≠ declared'))
    expect(line).toBe('  ≠ declared   memory + swap: declared 128 MiB, kernel 96 MiB · pids: declared 50, kernel 40')
    const flagged = findingsFor(s, web).filter((f) => f.kind === 'limit-differs').map((f) => f.id.split(':').pop())
    expect(flagged).toEqual(['memorySwapBytes', 'pidsMax'])
  })

  it('names zombies and why they stay', () => {
    const s: HostSnapshot = loadVaried()
    const web = byName(s, 'web')
    const init = s.processes.find((p) => p.pid === web.pid)!
    const zombies = [zombieOf(init, 9901, 20), zombieOf(init, 9902, 21)]
    s.processes.push(...zombies.map((z) => ({ ...z, containerId: web.id })))
    web.processes.push(9901, 9902)
    const block = blockOf(formatSummary(s), 'web')
    expect(block).toContain('· 5 processes')
    expect(block).toContain('zombies      2 zombies: PID 1 sleep does not reap them; --init (a PID 1 that reaps) fixes this')
  })

  it('gives an exited container its post-mortem: exit code, OOM kill, finish time, restarts', () => {
    const s: HostSnapshot = loadVaried()
    const old: ContainerInfo = byName(s, 'old-job')
    old.exit = { exitCode: 137, oomKilled: true, finishedAt: '2026-12-03T20:00:01.5Z', error: null }
    old.restartCount = 2
    const block = blockOf(formatSummary(s), 'old-job')
    expect(block).toContain('exited       exit code 137 (signal 9) · OOM-killed (memory limit) · finished 2026-12-03T20:00:01.5Z · 2 restarts')
    expect(block).not.toContain('not running: no processes')
  })
})

describe('formatSummary: capabilities against Docker\'s default, as the app compares them', () => {
  it('a non-root user with the default bounding set holds the default set (its effective set is empty)', () => {
    const s: HostSnapshot = loadVaried()
    const batch = byName(s, 'batch')
    const init = s.processes.find((p) => p.pid === batch.pid)!
    init.uid = 1000
    init.capabilities = { ...init.capabilities, effective: [], permitted: [] }
    const line = blockOf(formatSummary(s), 'batch').split('\n').find((l) => l.includes('capabilities'))
    expect(line).toBe('  capabilities 0 effective · bounding 14 · held = Docker default')
    expect(processCapabilityDiff(init).isDefault).toBe(true)
  })

  it('--cap-drop ALL: none held, the count derived from the default set', () => {
    const line = blockOf(formatSummary(loadVaried()), 'sidecar').split('\n').find((l) => l.includes('capabilities'))
    expect(line).toBe(`  capabilities 0 effective · held none (all ${DOCKER_DEFAULT_CAPS.length} defaults dropped) · declared drop ALL`)
  })
})
