import { describe, expect, it } from 'vitest'
import type { ContainerInfo } from '../../../shared/model'
import { exitCodeMeaning, postMortemBadge } from '../../../shared/selectors/post-mortem'
import { byName, loadVaried } from './fixture'

const exited = (exitCode: number, oomKilled = false, restartCount: number | null = 0): ContainerInfo => ({
  ...byName(loadVaried(), 'old-job'),
  restartCount,
  exit: { exitCode, oomKilled, finishedAt: '2026-12-03T20:00:00Z', error: null }
})

describe('postMortemBadge', () => {
  it('OOM-killed is high; a failure medium; a clean exit low', () => {
    expect(postMortemBadge(exited(137, true, 2))).toEqual({ label: 'OOM-killed', level: 'high', description: 'The kernel killed it at its memory limit (exit 137) after 2 restarts.' })
    expect(postMortemBadge(exited(1))).toMatchObject({ label: 'exit 1', level: 'medium' })
    expect(postMortemBadge(exited(0))).toMatchObject({ label: 'exit 0', level: 'low', description: 'It exited with code 0: finished normally.' })
  })
  it('OOM-killed by the kernel log when Docker\'s flag missed a kill just before the exit; not for a kill long before', () => {
    const kill = { at: '2026-12-03T19:59:59.200Z', seq: 7, hostPid: 4242, pidInside: 1, comm: 'tail', anonRssBytes: 16_000_000, fileRssBytes: 0, shmemRssBytes: 0, totalVmBytes: 20_000_000 }
    const missed = { ...exited(137), oomKills: [kill] } as ContainerInfo
    expect(postMortemBadge(missed)).toMatchObject({ label: 'OOM-killed', level: 'high' })
    expect(postMortemBadge(missed)?.description).toContain('killed tail just before it exited')
    const earlier = { ...exited(137), oomKills: [{ ...kill, at: '2026-12-03T19:50:00Z' }] } as ContainerInfo
    expect(postMortemBadge(earlier)).toMatchObject({ label: 'exit 137', level: 'medium' })
  })
  it('none while running, or from an older snapshot without the field', () => {
    expect(postMortemBadge({ ...exited(0), pid: 42 })).toBeNull()
    expect(postMortemBadge(byName(loadVaried(), 'old-job'))).toBeNull()
  })
  it('explains exit codes', () => {
    expect(exitCodeMeaning(143)).toBe('killed by signal 15 (SIGTERM)')
    expect(exitCodeMeaning(127)).toBe('the command was not found')
  })
})
