// Host-wide facts read from <procRoot>. Where a file is missing or unreadable the value falls back
// to node:os (which asks the same kernel), because HostInfo cannot leave these null.
import os from 'node:os'
import { join } from 'node:path'
import type { HostInfo } from '../../shared/model'
import { readText } from './read-file'
import type { CgroupHierarchy } from './types'

export function readHostInfo(procRoot: string, hierarchy: CgroupHierarchy, probeUid: number): HostInfo {
  return {
    // /proc/sys shows the READER's UTS namespace: a probe in a container needs --uts host to see the host's name.
    hostname: firstLine(join(procRoot, 'sys/kernel/hostname')) ?? os.hostname(),
    kernel: firstLine(join(procRoot, 'sys/kernel/osrelease')) ?? os.release(),
    cgroupVersion: hierarchy.version,
    cgroupLayout: hierarchy.layout,
    cpus: countCpus(procRoot) ?? os.cpus().length,
    memoryBytes: memTotalBytes(procRoot) ?? os.totalmem(),
    capLastCap: capLastCap(procRoot),
    probeUid
  }
}

function read(path: string): string | null {
  const result = readText(path, 'host', 'missing')
  return result.ok ? result.value : null
}

function firstLine(path: string): string | null {
  const line = read(path)?.split('\n')[0]?.trim()
  return line ? line : null
}

/** Online CPUs: the `cpuN` lines of /proc/stat (the `cpu` line is the total). */
function countCpus(procRoot: string): number | null {
  const text = read(join(procRoot, 'stat'))
  const count = text?.split('\n').filter((line) => /^cpu\d+\s/.test(line)).length ?? 0
  return count > 0 ? count : null
}

function memTotalBytes(procRoot: string): number | null {
  const match = /^MemTotal:\s+(\d+) kB$/m.exec(read(join(procRoot, 'meminfo')) ?? '')
  return match ? Number(match[1]) * 1024 : null
}

function capLastCap(procRoot: string): number | null {
  const text = firstLine(join(procRoot, 'sys/kernel/cap_last_cap'))
  return text !== null && /^\d+$/.test(text) ? Number(text) : null
}
