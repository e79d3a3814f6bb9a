// Walks the numeric entries of <procRoot> and reads each process's status, stat, cgroup and
// namespaces. A pid that vanished mid-scan is skipped and counted; anything else unreadable
// becomes a Problem on that process, and the scan carries on.
import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { processKey } from '../../shared/identity'
import type { CapabilitySets, CgroupMembership, ProcessInfo, Problem } from '../../shared/model'
import { cgroupPathOf, parseCgroupFile, zombieCgroupPathOf, type CgroupParse } from './proc-cgroup'
import { readNamespaces } from './proc-namespaces'
import { parseStat, type ProcStat } from './proc-stat'
import { parseStatus, type ProcStatus } from './proc-status'
import { childPath, malformed, problemFromError, readText } from './read-file'
import type { ProcessScan } from './types'

const PID_ENTRY = /^\d+$/

/**
 * Processes already read, by `${pid}:${startTicks}`. A slow refresh passes the last scan: a
 * process whose stat still shows the same start time and command is taken from here instead of
 * read again (status, cgroup and eight namespace links), which is most of a scan's cost. Capability,
 * seccomp and namespace changes mostly come with an exec, which changes the command; callers
 * still scan fully from time to time for the rest (setns, capset without exec).
 */
export type KnownProcesses = ReadonlyMap<string, ProcessInfo>

export function scanProcesses(procRoot: string, known?: KnownProcesses): ProcessScan {
  let entries: string[]
  try {
    entries = readdirSync(procRoot)
  } catch (error) {
    return { processes: [], problems: [problemFromError('processes', procRoot, error, 'missing')] }
  }
  const pids = entries.filter((name) => PID_ENTRY.test(name)).map(Number).sort((a, b) => a - b)
  const root = join(procRoot)
  const processes: ProcessInfo[] = []
  let exited = 0
  for (const pid of pids) {
    const reused = known ? reuseKnown(root, pid, known) : undefined
    const info = reused === undefined ? readProcess(root, pid) : reused
    if (info === null) exited++
    else processes.push(info)
  }
  const problems: Problem[] =
    exited === 0
      ? []
      : [{ field: 'processes', reason: 'exited', message: `${exited} of ${pids.length} pids exited during the scan` }]
  return { processes, problems }
}

/** The known process with fresh state and parent, null when it exited, undefined when it must be read. */
function reuseKnown(procRoot: string, pid: number, known: KnownProcesses): ProcessInfo | null | undefined {
  const path = `${procRoot}/${pid}/stat`
  const text = readText(path, 'stat', 'exited')
  if (!text.ok) return text.problem.reason === 'exited' ? null : undefined
  const stat = parseStat(text.value)
  if (!stat.ok) return undefined
  const previous = known.get(processKey({ pid, startTicks: stat.value.startTicks }))
  if (!previous || previous.comm !== stat.value.comm) return undefined
  return { ...previous, ppid: stat.value.ppid, state: stat.value.state, containerId: null }
}

/**
 * One process, or null when it exited while being read. When status is unreadable, uid, nspid,
 * capabilities, noNewPrivs and seccomp are unknown and one Problem with field 'status' says why.
 * `procRoot` as path.join leaves it (scanProcesses passes it so).
 */
export function readProcess(procRoot: string, pid: number): ProcessInfo | null {
  // Plain concatenation: path.join runs ~15 times per process and showed in profiles.
  const dir = childPath(procRoot, String(pid))
  const statusPath = `${dir}/status`
  const statPath = `${dir}/stat`
  const problems: Problem[] = []

  const statusText = readText(statusPath, 'status', 'exited')
  if (!statusText.ok && statusText.problem.reason === 'exited') return null
  const statText = readText(statPath, 'stat', 'exited')
  if (!statText.ok && statText.problem.reason === 'exited') return null

  const status = statusText.ok
    ? parsedStatus(statusPath, statusText.value, problems)
    : failed(statusText.problem, problems)
  const stat = statText.ok ? parsedStat(statPath, statText.value, problems) : failed(statText.problem, problems)
  const state = status?.state ?? stat?.state ?? ''
  const cgroups = readCgroups(dir, problems)
  const namespaces = readNamespaces(dir, { zombie: state === 'Z' })
  problems.push(...namespaces.problems)

  // A later read saying "exited" is a real exit only if the pid is gone now; a zombie stays listed.
  if (problems.some((p) => p.reason === 'exited') && !existsSync(dir)) return null

  if (status !== null && status.nspid === null) {
    const message = `${statusPath}: no NSpid line (kernel before 4.1)`
    problems.push({ field: 'nspid', reason: 'missing', message })
  }
  return {
    pid,
    ppid: status?.ppid ?? stat?.ppid ?? null,
    // stat holds the comm raw; status escapes '\n' and '\'.
    comm: stat?.comm ?? status?.name ?? '',
    state,
    uid: status?.uid ?? null,
    nspid: status?.nspid ?? [],
    startTicks: stat?.startTicks ?? null,
    namespaces: namespaces.inodes,
    capabilities: status?.capabilities ?? noCapabilities(),
    noNewPrivs: status?.noNewPrivs ?? null,
    seccomp: status?.seccomp ?? { mode: null, filters: null },
    cgroups,
    cgroupPath: state === 'Z' ? zombieCgroupPathOf(cgroups) : cgroupPathOf(cgroups),
    containerId: null,
    problems
  }
}

function parsedStatus(path: string, text: string, problems: Problem[]): ProcStatus | null {
  const parsed = parseStatus(text)
  if (parsed.ok) return parsed.value
  problems.push(malformed('status', path, parsed.detail))
  return null
}

function parsedStat(path: string, text: string, problems: Problem[]): ProcStat | null {
  const parsed = parseStat(text)
  if (parsed.ok) return parsed.value
  problems.push(malformed('stat', path, parsed.detail))
  return null
}

function failed(problem: Problem, problems: Problem[]): null {
  problems.push(problem)
  return null
}

function readCgroups(dir: string, problems: Problem[]): CgroupMembership[] {
  const path = `${dir}/cgroup`
  const text = readText(path, 'cgroups', 'exited')
  if (!text.ok) {
    problems.push(text.problem)
    return []
  }
  const parsed = parsedCgroupFile(text.value)
  if (parsed.ok) return parsed.value
  problems.push(malformed('cgroups', path, parsed.detail))
  return []
}

// Most processes share their cgroup file's text with others (a container's processes, the host's services):
// each distinct text is parsed once. The memberships are shared between processes, so nobody may change them
// in place (frozen, so a change would throw). Bounded, for a long-running watch over churning cgroups.
const CGROUP_CACHE_LIMIT = 4096
const parsedCgroupFiles = new Map<string, CgroupParse>()

function parsedCgroupFile(text: string): CgroupParse {
  let parsed = parsedCgroupFiles.get(text)
  if (parsed === undefined) {
    parsed = parseCgroupFile(text)
    if (parsed.ok) {
      for (const m of parsed.value) {
        Object.freeze(m.controllers)
        Object.freeze(m)
      }
      Object.freeze(parsed.value)
    }
    if (parsedCgroupFiles.size >= CGROUP_CACHE_LIMIT) parsedCgroupFiles.clear()
    parsedCgroupFiles.set(text, parsed)
  }
  return parsed
}

function noCapabilities(): CapabilitySets {
  return { effective: [], permitted: [], inheritable: [], bounding: [], ambient: [] }
}
