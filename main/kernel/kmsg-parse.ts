// Parses OOM kills out of /dev/kmsg records. Pure: records in, kills out.
//
// A record is `prio,seq,usec,flags[,…];message` followed by optional `\n KEY=VALUE` dictionary lines
// (Documentation/ABI/testing/dev-kmsg); usec is CLOCK_MONOTONIC microseconds since boot. One kill prints
// (kernel ≥ 4.19, verified on 6.18, docs/kernel-notes.md):
//   oom-kill:constraint=CONSTRAINT_MEMCG,nodemask=(null),cpuset=<id>,mems_allowed=0,oom_memcg=/docker/<id>,task_memcg=/docker/<id>,task=tail,pid=1551,uid=0
//   Memory cgroup out of memory: Killed process 1551 (tail) total-vm:18184kB, anon-rss:16000kB, file-rss:1264kB, shmem-rss:0kB, UID:0 pgtables:72kB oom_score_adj:0
// The first names the cgroup (the container), the second the memory at the kill; they pair by pid.
// Before them the kernel dumps the cgroup's tasks (vm.oom_dump_tasks, default 1), in pages:
//   Tasks state (memory values in pages):
//   [  pid  ]   uid  tgid total_vm      rss rss_anon rss_file rss_shmem pgtables_bytes swapents oom_score_adj name
//   [   1551]     0  1551     4546     4316     4000      316         0    73728        0             0 tail
// (older kernels print fewer columns: they are read by the header's names).
import type { OomKillRecord, OomTask } from '../../shared/model'
import { containerIdFromCgroupPath } from '../model/container-cgroups'

export interface KmsgRecord {
  priority: number
  seq: number
  /** Microseconds since boot (CLOCK_MONOTONIC). */
  usec: number
  message: string
}

/**
 * One OOM kill of a process in a container's cgroup, as the kernel logged it. Plain JSON: the snapshot's
 * record (shared/model.ts) before the join dates it and finds the PID inside.
 */
export type KmsgOomKill = Omit<OomKillRecord, 'at' | 'pidInside'> & {
  /** Wall time of the kill in ms since the epoch (boot time + the record's monotonic stamp). */
  atMs: number
  containerId: string
}

/** A row of the task dump, in the pages it counts in. */
export interface TaskDumpRow {
  hostPid: number
  comm: string
  rssPages: number
  /** Null on a layout without total_vm. */
  totalVmPages: number | null
}

/** 4 KiB: x86-64, and arm64's default; the dump of a kill whose process it does not list is read with it. */
const DEFAULT_PAGE_BYTES = 4096

/** `[  pid  ]   uid  tgid total_vm      rss … name` → the column names after pid. */
export function parseTaskHeader(message: string): string[] | null {
  const m = /^\[\s*pid\s*\]\s+(.*)$/.exec(message)
  return m ? m[1]!.trim().split(/\s+/) : null
}

/** One row of the task dump, read by the header's column names; null when it is not one. */
export function parseTaskRow(message: string, columns: readonly string[]): TaskDumpRow | null {
  const m = /^\[\s*(\d+)\]\s+(.*)$/.exec(message)
  const nameAt = columns.indexOf('name')
  const rssAt = columns.indexOf('rss')
  if (!m || nameAt !== columns.length - 1 || rssAt < 0) return null
  const fields = m[2]!.trim().split(/\s+/)
  // The name is last and may hold spaces: everything after the numeric columns.
  const comm = fields.slice(nameAt).join(' ')
  const rssPages = Number(fields[rssAt])
  const totalVmAt = columns.indexOf('total_vm')
  const totalVmPages = totalVmAt < 0 ? null : Number(fields[totalVmAt])
  if (!comm || !Number.isFinite(rssPages)) return null
  return { hostPid: Number(m[1]), comm, rssPages, totalVmPages: Number.isFinite(totalVmPages) ? totalVmPages : null }
}

/**
 * The page size the dump counts in, from the kill itself: the killed process's total_vm in the dump (pages)
 * against its total-vm in the `Killed process` line (kB). The address space does not change between the two
 * lines, so the ratio is the page size exactly (4 KiB on x86-64, 16 or 64 KiB on some arm64 kernels).
 */
export function dumpPageBytes(rows: readonly TaskDumpRow[], killed: KilledProcessLine): number {
  const own = rows.find((row) => row.hostPid === killed.pid)
  if (!own?.totalVmPages) return DEFAULT_PAGE_BYTES
  const ratio = killed.totalVmBytes / own.totalVmPages
  const page = 2 ** Math.round(Math.log2(ratio))
  return page >= DEFAULT_PAGE_BYTES ? page : DEFAULT_PAGE_BYTES
}

/** The dump's rows in bytes, biggest first. */
export function tasksInBytes(rows: readonly TaskDumpRow[], pageBytes: number): OomTask[] {
  return rows.map((row) => ({ hostPid: row.hostPid, comm: row.comm, rssBytes: row.rssPages * pageBytes })).sort((a, b) => b.rssBytes - a.rssBytes)
}

export function parseKmsgRecord(raw: string): KmsgRecord | null {
  const semicolon = raw.indexOf(';')
  if (semicolon < 0) return null
  const [prio, seq, usec] = raw.slice(0, semicolon).split(',')
  const priority = Number(prio)
  const record = { priority: priority & 7, seq: Number(seq), usec: Number(usec) }
  if (![priority, record.seq, record.usec].every(Number.isFinite)) return null
  // The message ends at the first newline; continuation lines (` KEY=VALUE`) follow it.
  const end = raw.indexOf('\n', semicolon)
  return { ...record, message: raw.slice(semicolon + 1, end < 0 ? undefined : end) }
}

/** The container a memcg path belongs to: the same rule the join places processes by (cgroupfs `/docker/<id>`, systemd `docker-<id>.scope`). */
export function containerIdOfMemcg(path: string): string | null {
  return containerIdFromCgroupPath(path)
}

export interface OomKillLine {
  constraint: string
  oomMemcg: string | null
  taskMemcg: string
  task: string
  pid: number
}

/** `oom-kill:constraint=…,task_memcg=…,task=…,pid=…,uid=…`; the comm may contain commas, so fields are taken by name from the end. */
export function parseOomKillLine(message: string): OomKillLine | null {
  if (!message.startsWith('oom-kill:')) return null
  const text = message.slice('oom-kill:'.length)
  const tail = /,task_memcg=(.*),task=(.*),pid=(\d+),uid=\d+$/.exec(text)
  if (!tail) return null
  const field = (name: string): string | null => new RegExp(`(?:^|,)${name}=([^,]*)`).exec(text.slice(0, tail.index))?.[1] ?? null
  return { constraint: field('constraint') ?? 'unknown', oomMemcg: field('oom_memcg'), taskMemcg: tail[1]!, task: tail[2]!, pid: Number(tail[3]) }
}

export interface KilledProcessLine {
  pid: number
  comm: string
  totalVmBytes: number
  anonRssBytes: number
  fileRssBytes: number
  shmemRssBytes: number
}

const KILLED = /Killed process (\d+) \((.*)\) total-vm:(\d+)kB, anon-rss:(\d+)kB, file-rss:(\d+)kB, shmem-rss:(\d+)kB/

/** `Memory cgroup out of memory: Killed process …` (memcg) or `Out of memory: Killed process …` (host-wide). */
export function parseKilledProcessLine(message: string): KilledProcessLine | null {
  const m = KILLED.exec(message)
  if (!m) return null
  const kib = (i: number): number => Number(m[i]) * 1024
  return { pid: Number(m[1]), comm: m[2]!, totalVmBytes: kib(3), anonRssBytes: kib(4), fileRssBytes: kib(5), shmemRssBytes: kib(6) }
}

/**
 * Pairs each `oom-kill:` line with the `Killed process` line of the same pid that follows it. Fed records
 * in sequence order, possibly over several reads (a pair can straddle two reads).
 */
export class OomKillAssembler {
  private pending: { line: OomKillLine; record: KmsgRecord; rows: TaskDumpRow[] | null } | null = null
  /** The task dump being read (its columns and rows so far), until the kill line that follows it. */
  private dump: { columns: string[] | null; rows: TaskDumpRow[] } | null = null

  /** `bootMs`: wall time of boot in ms since the epoch, to turn the monotonic stamp into a date. */
  constructor(private readonly bootMs: number) {}

  /** The kill this record completes, if any (and only for a process in a container). */
  push(record: KmsgRecord): KmsgOomKill | null {
    if (record.message.startsWith('Tasks state')) {
      this.dump = { columns: null, rows: [] }
      return null
    }
    if (this.dump) {
      const header = this.dump.columns === null ? parseTaskHeader(record.message) : null
      if (header) this.dump.columns = header
      const row = this.dump.columns && !header ? parseTaskRow(record.message, this.dump.columns) : null
      if (row) this.dump.rows.push(row)
      if (header || row) return null
    }
    const context = parseOomKillLine(record.message)
    if (context) {
      this.pending = { line: context, record, rows: this.dump?.rows ?? null }
      this.dump = null
      return null
    }
    const killed = parseKilledProcessLine(record.message)
    if (!killed) return null
    const pending = this.pending
    this.pending = null
    if (!pending || pending.line.pid !== killed.pid) return null
    const { line } = pending
    const containerId = containerIdOfMemcg(line.taskMemcg)
    if (containerId === null) return null
    const tasks = pending.rows && pending.rows.length > 0 ? tasksInBytes(pending.rows, dumpPageBytes(pending.rows, killed)) : null
    return {
      seq: record.seq,
      atMs: Math.round(this.bootMs + record.usec / 1000),
      containerId,
      hostPid: killed.pid,
      comm: killed.comm,
      anonRssBytes: killed.anonRssBytes,
      fileRssBytes: killed.fileRssBytes,
      shmemRssBytes: killed.shmemRssBytes,
      totalVmBytes: killed.totalVmBytes,
      constraint: line.constraint,
      memcg: line.oomMemcg && line.oomMemcg !== '(null)' ? line.oomMemcg : line.taskMemcg,
      ...(tasks ? { tasks } : {})
    }
  }
}
