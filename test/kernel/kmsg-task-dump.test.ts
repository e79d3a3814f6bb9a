// The kernel's task dump printed with an OOM kill (what held the memory at the kill): read from the
// records captured on this host (6.18, one task), and from a dump with several tasks in the column
// layout of older kernels (no rss_anon/rss_file/rss_shmem), whose names may hold spaces.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { OomKillAssembler, parseKmsgRecord, parseTaskHeader, parseTaskRow, type KmsgRecord } from '../../main/kernel/kmsg-parse'

const RECORDED = readFileSync(new URL('../fixtures/kmsg/oom-memcg-v1-6.18.jsonl', import.meta.url), 'utf8')
  .trim()
  .split('\n')
  .map((line) => JSON.parse(line) as string)

function assemble(raw: readonly string[]): ReturnType<OomKillAssembler['push']>[] {
  const assembler = new OomKillAssembler(0)
  return raw.map((r) => parseKmsgRecord(r)).filter((r): r is KmsgRecord => r !== null).map((r) => assembler.push(r)).filter((k) => k !== null)
}

describe('the task dump of an OOM kill', () => {
  it('the recorded kill carries its one task, whose rss is the killed line’s anon + file + shmem', () => {
    const [kill] = assemble(RECORDED)
    expect(kill?.tasks).toEqual([{ hostPid: 1551, comm: 'tail', rssBytes: 4316 * 4096 }])
    expect(kill!.tasks![0]!.rssBytes).toBe(kill!.anonRssBytes + kill!.fileRssBytes + kill!.shmemRssBytes)
  })

  it('several tasks, biggest first, in an older layout, a name with a space', () => {
    const id = 'd413958a1092b743b51fb9c630fc9951bc6504c86406e71798dc6ff7c09011b7'
    const records = [
      '6,10,100,-;Tasks state (memory values in pages):',
      '6,11,101,-;[  pid  ]   uid  tgid total_vm      rss pgtables_bytes swapents oom_score_adj name',
      '6,12,102,-;[    700]     0   700      400      100    40960        0             0 sh',
      '6,13,103,-;[    701]     0   701     9000     8000   102400        0             0 tail',
      '6,14,104,-;[    702]     0   702      300       50    40960        0             0 my worker',
      '6,15,105,-;docker0: port 1(veth0) entered disabled state',
      `6,16,106,-;oom-kill:constraint=CONSTRAINT_MEMCG,nodemask=(null),cpuset=${id},mems_allowed=0,oom_memcg=/docker/${id},task_memcg=/docker/${id},task=tail,pid=701,uid=0`,
      '3,17,107,-;Memory cgroup out of memory: Killed process 701 (tail) total-vm:36000kB, anon-rss:31000kB, file-rss:1000kB, shmem-rss:0kB, UID:0 pgtables:100kB oom_score_adj:0'
    ]
    const [kill] = assemble(records)
    expect(kill?.tasks?.map((t) => [t.comm, t.hostPid, t.rssBytes / 4096])).toEqual([
      ['tail', 701, 8000],
      ['sh', 700, 100],
      ['my worker', 702, 50]
    ])
  })

  it('counts in the page size the kill itself shows (64 KiB pages on an arm64 kernel built so)', () => {
    const id = 'd413958a1092b743b51fb9c630fc9951bc6504c86406e71798dc6ff7c09011b7'
    const records = [
      '6,10,100,-;Tasks state (memory values in pages):',
      '6,11,101,-;[  pid  ]   uid  tgid total_vm      rss rss_anon rss_file rss_shmem pgtables_bytes swapents oom_score_adj name',
      '6,12,102,-;[    700]     0   700       10        2        1        1         0    65536        0             0 sh',
      '6,13,103,-;[    701]     0   701      600      500      490       10         0   131072        0             0 tail',
      `6,14,104,-;oom-kill:constraint=CONSTRAINT_MEMCG,nodemask=(null),cpuset=${id},mems_allowed=0,oom_memcg=/docker/${id},task_memcg=/docker/${id},task=tail,pid=701,uid=0`,
      '3,15,105,-;Memory cgroup out of memory: Killed process 701 (tail) total-vm:38400kB, anon-rss:31360kB, file-rss:640kB, shmem-rss:0kB, UID:0 pgtables:128kB oom_score_adj:0'
    ]
    const [kill] = assemble(records)
    expect(kill?.tasks).toEqual([
      { hostPid: 701, comm: 'tail', rssBytes: 500 * 65536 },
      { hostPid: 700, comm: 'sh', rssBytes: 2 * 65536 }
    ])
    expect(kill!.tasks![0]!.rssBytes).toBe(kill!.anonRssBytes + kill!.fileRssBytes + kill!.shmemRssBytes)
  })

  it('a kill without a dump (vm.oom_dump_tasks=0) has no tasks', () => {
    const without = RECORDED.filter((r) => !/Tasks state|\[\s*(pid|\d+)\s*\]/.test(r))
    const [kill] = assemble(without)
    expect(kill?.comm).toBe('tail')
    expect(kill?.tasks).toBeUndefined()
  })

  it('reads rows by the header’s names', () => {
    const columns = parseTaskHeader('[  pid  ]   uid  tgid total_vm      rss name')!
    expect(columns).toEqual(['uid', 'tgid', 'total_vm', 'rss', 'name'])
    expect(parseTaskRow('[     12]     0    12      900      300 sleep', columns)).toEqual({ hostPid: 12, comm: 'sleep', rssPages: 300, totalVmPages: 900 })
    expect(parseTaskRow('not a row', columns)).toBeNull()
  })
})
