// The threads of a container, found from its main process's cgroup: the filter set_event_pid works per
// task, so every thread of every process must be in it (a process's other threads are not its children).
import { readdirSync, readFileSync } from 'node:fs'
import { cgroupPathOf, parseCgroupFile } from '../probe/proc-cgroup'

/** Every thread in the cgroup of `pid` (v1 `tasks`, v2 `cgroup.threads`), else the threads of `pid` alone. */
export function containerThreads(pid: number, procRoot = '/proc', cgroupRoot = '/sys/fs/cgroup'): number[] {
  for (const file of taskFiles(pid, procRoot, cgroupRoot)) {
    try {
      return parseIds(readFileSync(file, 'utf8'))
    } catch {
      // Not this hierarchy: try the next one.
    }
  }
  try {
    return readdirSync(`${procRoot}/${pid}/task`).map(Number).filter(Number.isInteger)
  } catch {
    return []
  }
}

function taskFiles(pid: number, procRoot: string, cgroupRoot: string): string[] {
  let text: string
  try {
    text = readFileSync(`${procRoot}/${pid}/cgroup`, 'utf8')
  } catch {
    return []
  }
  const parsed = parseCgroupFile(text)
  if (!parsed.ok) return []
  const files: string[] = []
  for (const m of parsed.value) {
    if (m.hierarchyId === 0) files.push(`${cgroupRoot}${m.path}/cgroup.threads`, `${cgroupRoot}/unified${m.path}/cgroup.threads`)
    else for (const controller of m.controllers) files.push(`${cgroupRoot}/${controller.replace(/^name=/, '')}${m.path}/tasks`)
  }
  // v1 first: on a hybrid host the unified hierarchy may not hold the container.
  return files.sort((a, b) => Number(a.endsWith('cgroup.threads')) - Number(b.endsWith('cgroup.threads')))
}

function parseIds(text: string): number[] {
  return text.split('\n').filter((line) => /^\d+$/.test(line)).map(Number)
}

/** The cgroup path of a process (as the probe identifies containers), or null when it is gone. */
export function processCgroupPath(pid: number, procRoot = '/proc'): string | null {
  try {
    const parsed = parseCgroupFile(readFileSync(`${procRoot}/${pid}/cgroup`, 'utf8'))
    return parsed.ok ? cgroupPathOf(parsed.value) : null
  } catch {
    return null
  }
}
