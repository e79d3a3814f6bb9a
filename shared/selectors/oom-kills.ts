// Which process the OOM killer chose, in words the container page and `glasshouse snapshot` share.
import { formatBytes } from '../format'
import type { ContainerInfo, HostSnapshot, OomKillRecord } from '../model'

/** "tail (host pid 1551, pid 1 inside), anon 15.6 MiB at the kill" */
export function killedProcessText(k: OomKillRecord): string {
  const inside = k.pidInside === null ? 'pid inside unknown: no scan saw it before it died' : `pid ${k.pidInside} inside`
  return `${k.comm} (host pid ${k.hostPid}, ${inside}), anon ${formatBytes(k.anonRssBytes)} at the kill`
}

/** The memory lines of a kill beyond anon, and what limit was hit. */
export function killMemoryText(k: OomKillRecord): string {
  const scope = k.constraint === 'CONSTRAINT_MEMCG' ? 'its cgroup’s memory limit' : k.constraint === 'CONSTRAINT_NONE' ? 'the whole host ran out' : k.constraint
  return `file ${formatBytes(k.fileRssBytes)} · shmem ${formatBytes(k.shmemRssBytes)} · virtual ${formatBytes(k.totalVmBytes)} · ${scope}`
}

/** "tail 16.9 MiB (host pid 1551) · sh 1.1 MiB · sleep 412 KiB": the biggest processes at the kill; null without a task dump. */
export function biggestAtKillText(k: OomKillRecord, count = 3): string | null {
  if (!k.tasks || k.tasks.length === 0) return null
  const shown = k.tasks.slice(0, count).map((t) => `${t.comm} ${formatBytes(t.rssBytes)} (host pid ${t.hostPid})`)
  const more = k.tasks.length > count ? ` · ${k.tasks.length - count} more` : ''
  return shown.join(' · ') + more
}

export type OomKillsView =
  | { kind: 'kills'; kills: OomKillRecord[] }
  /** The kernel log could not be read: why, and how many kills the cgroup counted (null: unknown). */
  | { kind: 'unreadable'; reason: string; counted: number | null }
  | { kind: 'none' }

/** The container's last kills, newest first; or why they are unknown. Absent field (older snapshot): none. */
export function oomKillsView(s: HostSnapshot, c: ContainerInfo): OomKillsView {
  if (c.oomKills === null) {
    const problem = s.problems.find((p) => p.field === 'oomKills')
    return { kind: 'unreadable', reason: problem?.message ?? 'the kernel log could not be read', counted: c.usage?.oomKills ?? null }
  }
  if (!c.oomKills || c.oomKills.length === 0) return { kind: 'none' }
  return { kind: 'kills', kills: [...c.oomKills].reverse() }
}

/** One line for `glasshouse snapshot`; null when there is nothing to say. */
export function oomKillsLine(s: HostSnapshot, c: ContainerInfo): string | null {
  const view = oomKillsView(s, c)
  if (view.kind === 'none') return null
  if (view.kind === 'unreadable') {
    const killed = view.counted || c.exit?.oomKilled
    return killed ? `which process: unknown (${view.reason.replace(/\.$/, '')})` : null
  }
  const [last, ...earlier] = view.kills
  const more = earlier.length > 0 ? ` (+${earlier.length} earlier)` : ''
  return `${killedProcessText(last!)} · ${last!.at}${more}`
}

/** How close to the exit a kill must be to have ended the container (the kill, then the exit is reaped). */
const KILL_TO_EXIT_MS = 5000

/**
 * The logged kill that ended a stopped container (exit 137, a kill just before FinishedAt), or null.
 * Docker's OOMKilled can miss it: on this host a PID 1 killed at the limit exited with OOMKilled false
 * (docs/kernel-notes.md), while the kernel log named it.
 */
export function killThatEndedIt(c: ContainerInfo): OomKillRecord | null {
  const e = c.exit
  if (!e || e.exitCode !== 137 || !c.oomKills) return null
  const finished = Date.parse(e.finishedAt)
  const last = c.oomKills.at(-1)
  if (!last) return null
  const gap = finished - Date.parse(last.at)
  return gap >= -KILL_TO_EXIT_MS && gap <= KILL_TO_EXIT_MS ? last : null
}
