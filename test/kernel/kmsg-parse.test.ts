// OOM kills parsed out of kernel log records: the lines recorded on this host (6.18, cgroup v1, cgroupfs,
// docs/kernel-notes.md) and the same lines with the memcg paths of cgroup v2 and the systemd driver.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import {
  OomKillAssembler,
  containerIdOfMemcg,
  parseKilledProcessLine,
  parseKmsgRecord,
  parseOomKillLine,
  type KmsgRecord
} from '../../main/kernel/kmsg-parse'

const ID = 'd413958a1092b743b51fb9c630fc9951bc6504c86406e71798dc6ff7c09011b7'
const RECORDED = readFileSync(new URL('../fixtures/kmsg/oom-memcg-v1-6.18.jsonl', import.meta.url), 'utf8')
  .trim()
  .split('\n')
  .map((line) => JSON.parse(line) as string)

const KILLED_V1 =
  '3,4310,2643870972,-;Memory cgroup out of memory: Killed process 1551 (tail) total-vm:18184kB, anon-rss:16000kB, file-rss:1264kB, shmem-rss:0kB, UID:0 pgtables:72kB oom_score_adj:0\n'

function oomKillRecord(seq: number, memcg: string, cpuset: string): string {
  return `6,${seq},2643870950,-;oom-kill:constraint=CONSTRAINT_MEMCG,nodemask=(null),cpuset=${cpuset},mems_allowed=0,oom_memcg=${memcg},task_memcg=${memcg},task=tail,pid=1551,uid=0\n`
}

function assemble(raw: readonly string[], bootMs = 0): ReturnType<OomKillAssembler['push']>[] {
  const assembler = new OomKillAssembler(bootMs)
  return raw.map((r) => parseKmsgRecord(r)).filter((r): r is KmsgRecord => r !== null).map((r) => assembler.push(r)).filter((k) => k !== null)
}

describe('parseKmsgRecord', () => {
  it('splits the prefix: priority (facility stripped), sequence, monotonic microseconds, message', () => {
    expect(parseKmsgRecord(KILLED_V1)).toEqual({
      priority: 3,
      seq: 4310,
      usec: 2643870972,
      message: KILLED_V1.slice(KILLED_V1.indexOf(';') + 1, -1)
    })
  })

  it('ends the message before the dictionary continuation lines', () => {
    const record = parseKmsgRecord('14,2,5000,-,caller=T1;hello world\n SUBSYSTEM=pci\n DEVICE=+pci:0000:00:01.0\n')
    expect(record).toEqual({ priority: 6, seq: 2, usec: 5000, message: 'hello world' })
  })

  it('refuses what is not a record', () => {
    expect(parseKmsgRecord('no prefix here')).toBeNull()
    expect(parseKmsgRecord('x,y,z,-;text')).toBeNull()
  })
})

describe('the recorded OOM kill (cgroup v1, cgroupfs)', () => {
  it('yields exactly one kill from the whole report, with the memory at the kill', () => {
    const kills = assemble(RECORDED, 1_000_000)
    expect(kills).toEqual([
      {
        seq: 4310,
        atMs: 1_000_000 + 2643871, // 2643870.972 ms, rounded
        containerId: ID,
        hostPid: 1551,
        comm: 'tail',
        anonRssBytes: 16000 * 1024,
        fileRssBytes: 1264 * 1024,
        shmemRssBytes: 0,
        totalVmBytes: 18184 * 1024,
        constraint: 'CONSTRAINT_MEMCG',
        memcg: `/docker/${ID}`,
        tasks: [{ hostPid: 1551, comm: 'tail', rssBytes: 4316 * 4096 }]
      }
    ])
  })

  it('pairs the lines across two reads of the log', () => {
    const assembler = new OomKillAssembler(0)
    expect(assembler.push(parseKmsgRecord(oomKillRecord(4309, `/docker/${ID}`, ID))!)).toBeNull()
    expect(assembler.push(parseKmsgRecord(KILLED_V1)!)?.hostPid).toBe(1551)
  })

  it('does not pair a Killed process line with the context of another pid', () => {
    const other = oomKillRecord(4309, `/docker/${ID}`, ID).replace('pid=1551', 'pid=1552')
    expect(assemble([other, KILLED_V1])).toEqual([])
  })
})

describe('memcg paths of other layouts', () => {
  it.each([
    ['cgroup v2, cgroupfs driver', `/docker/${ID}`],
    ['systemd driver (v1 and v2)', `/system.slice/docker-${ID}.scope`],
    ['rootless, systemd', `/user.slice/user-1000.slice/user@1000.service/docker-${ID}.scope`]
  ])('%s: %s', (_layout, memcg) => {
    expect(containerIdOfMemcg(memcg)).toBe(ID)
    const [kill] = assemble([oomKillRecord(4309, memcg, memcg.split('/').at(-1)!), KILLED_V1])
    expect(kill).toMatchObject({ containerId: ID, memcg, hostPid: 1551, comm: 'tail', anonRssBytes: 16_384_000 })
  })

  it('a kill outside any container is not attributed', () => {
    expect(containerIdOfMemcg('/user.slice/user-1000.slice/session-3.scope')).toBeNull()
    expect(assemble([oomKillRecord(4309, '/user.slice/user-1000.slice/session-3.scope', '/'), KILLED_V1])).toEqual([])
  })

  it('a host-wide OOM (no oom_memcg) is attributed to the killed task’s container', () => {
    const global = `6,9,100,-;oom-kill:constraint=CONSTRAINT_NONE,nodemask=(null),cpuset=/,mems_allowed=0,global_oom,task_memcg=/docker/${ID},task=tail,pid=1551,uid=0\n`
    const killed = KILLED_V1.replace('Memory cgroup out of memory', 'Out of memory')
    expect(assemble([global, killed])[0]).toMatchObject({ constraint: 'CONSTRAINT_NONE', memcg: `/docker/${ID}`, containerId: ID })
  })
})

describe('line parsers', () => {
  it('takes the task name even when it contains commas', () => {
    const line = parseOomKillLine(`oom-kill:constraint=CONSTRAINT_MEMCG,nodemask=(null),cpuset=x,mems_allowed=0,oom_memcg=/docker/${ID},task_memcg=/docker/${ID},task=a,b=c,pid=7,uid=0`)
    expect(line).toMatchObject({ task: 'a,b=c', pid: 7, taskMemcg: `/docker/${ID}` })
  })

  it('reads the older Killed process line without UID and pgtables (kernel 4.x)', () => {
    expect(parseKilledProcessLine('Memory cgroup out of memory: Killed process 42 (java) total-vm:2048kB, anon-rss:1024kB, file-rss:8kB, shmem-rss:4kB')).toEqual({
      pid: 42,
      comm: 'java',
      totalVmBytes: 2048 * 1024,
      anonRssBytes: 1024 * 1024,
      fileRssBytes: 8 * 1024,
      shmemRssBytes: 4 * 1024
    })
  })
})
