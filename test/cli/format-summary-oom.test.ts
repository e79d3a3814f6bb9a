// `glasshouse snapshot` names the process the OOM killer chose (one line), or says why it cannot.
import { describe, expect, it } from 'vitest'
import { formatSummary } from '../../main/cli/format-summary'
import type { HostSnapshot, OomKillRecord } from '../../shared/model'
import { byName, loadVaried } from '../shared/selectors/fixture'

const KILL: OomKillRecord = {
  at: '2026-12-07T05:03:05.575Z',
  seq: 4310,
  hostPid: 1551,
  pidInside: null,
  comm: 'tail',
  anonRssBytes: 16_384_000,
  fileRssBytes: 1_294_336,
  shmemRssBytes: 0,
  totalVmBytes: 18_620_416,
  constraint: 'CONSTRAINT_MEMCG',
  memcg: '/docker/x'
}

function blockOf(text: string, name: string): string {
  return text.split('\n\n').find((b) => b.split('\n')[0]?.includes(` ${name}`)) ?? ''
}

describe('formatSummary: OOM attribution', () => {
  it('the last kill of a stopped container: name, host pid, pid inside unknown, anon at the kill', () => {
    const s: HostSnapshot = loadVaried()
    const old = byName(s, 'old-job')
    old.exit = { exitCode: 137, oomKilled: true, finishedAt: '2026-12-03T20:00:01.5Z', error: null }
    old.oomKills = [{ ...KILL, hostPid: 1400, at: '2026-12-07T05:00:00.000Z' }, KILL]
    expect(blockOf(formatSummary(s), 'old-job')).toContain(
      'OOM killed   tail (host pid 1551, pid inside unknown: no scan saw it before it died), anon 15.6 MiB at the kill · 2026-12-07T05:03:05.575Z (+1 earlier)'
    )
  })

  it('a running container with a kill whose pid an earlier scan saw', () => {
    const s: HostSnapshot = loadVaried()
    byName(s, 'web').oomKills = [{ ...KILL, pidInside: 7 }]
    expect(blockOf(formatSummary(s), 'web')).toContain('OOM killed   tail (host pid 1551, pid 7 inside), anon 15.6 MiB at the kill')
  })

  it('the kernel log unreadable and the counter shows a kill: says which process is unknown and why', () => {
    const s: HostSnapshot = loadVaried()
    const web = byName(s, 'web')
    web.oomKills = null
    web.usage = { ...web.usage!, oomKills: 1 }
    s.problems.push({ field: 'oomKills', reason: 'denied', message: '/dev/kmsg is readable only by root: EPERM. Only the counter is shown.' })
    expect(blockOf(formatSummary(s), 'web')).toContain('OOM killed   which process: unknown (/dev/kmsg is readable only by root: EPERM. Only the counter is shown)')
  })

  it('no kills, or no log and no kill counted: no line', () => {
    const s: HostSnapshot = loadVaried()
    byName(s, 'web').oomKills = []
    byName(s, 'batch').oomKills = null
    const text = formatSummary(s)
    expect(blockOf(text, 'web')).not.toContain('OOM killed')
    expect(blockOf(text, 'batch')).not.toContain('OOM killed')
  })
})
