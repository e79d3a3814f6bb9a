// Reading a containerised JVM's hsperfdata file from the host, without an agent: HotSpot writes it to
// /tmp/hsperfdata_<user>/<pid> in its own mount and PID namespaces, so from here it is
// /proc/<host pid>/root/tmp/hsperfdata_<user>/<pid inside> (the last NSpid field).
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { JvmInfo, ProcessInfo, Problem } from '../../shared/model'
import { countCpuList } from '../../shared/selectors/cpu-list'
import { jvmFromCounters } from './hsperfdata-jvm'
import { parseHsperfdata } from './hsperfdata-parse'
import { problemFromError } from './read-file'

/** HotSpot's launcher names its process `java`; other launchers (jsvc, custom) are not detected. */
export function isJavaProcess(p: Pick<ProcessInfo, 'comm'>): boolean {
  return p.comm === 'java'
}

export type JvmReading = { jvm: JvmInfo; problem: null } | { jvm: null; problem: Problem }

export function readJvm(procRoot: string, p: Pick<ProcessInfo, 'pid' | 'nspid'>): JvmReading {
  const pidInside = p.nspid.length > 0 ? p.nspid[p.nspid.length - 1] : p.pid
  const tmp = join(procRoot, String(p.pid), 'root', 'tmp')
  let userDirs: string[]
  try {
    userDirs = readdirSync(tmp).filter((name) => name.startsWith('hsperfdata_'))
  } catch (error) {
    // ENOENT: the process went away, or its root has no /tmp.
    const gone = !existsSync(join(procRoot, String(p.pid)))
    return { jvm: null, problem: problemFromError('jvm', tmp, error, gone ? 'exited' : 'missing') }
  }
  // The user's directory is named after the user the JVM runs as; the pid file in it is unique.
  const found = userDirs.find((dir) => existsSync(join(tmp, dir, String(pidInside))))
  if (!found) {
    return {
      jvm: null,
      problem: {
        field: 'jvm',
        reason: 'missing',
        message: `no /tmp/hsperfdata_*/${pidInside} in the container: the JVM runs with -XX:-UsePerfData or +PerfDisableSharedMem, its user has no name (no /etc/passwd entry), or /tmp is not writable`
      }
    }
  }
  const inside = `/tmp/${found}/${pidInside}`
  const path = join(tmp, found, String(pidInside))
  let bytes: Buffer
  try {
    bytes = readFileSync(path)
  } catch (error) {
    return { jvm: null, problem: problemFromError('jvm', path, error, 'exited') }
  }
  try {
    const file = parseHsperfdata(bytes)
    return { jvm: { path: inside, ...jvmFromCounters(file.counters), affinityCpus: readAffinityCpus(procRoot, p.pid) }, problem: null }
  } catch (error) {
    return { jvm: null, problem: { field: 'jvm', reason: 'malformed', message: `${inside}: ${(error as Error).message}` } }
  }
}

/** Cpus_allowed_list: the CPUs sched_getaffinity returns, which HotSpot counts first. */
function readAffinityCpus(procRoot: string, pid: number): number | null {
  try {
    const status = readFileSync(join(procRoot, String(pid), 'status'), 'utf8')
    return countCpuList(/^Cpus_allowed_list:\s*(\S+)/m.exec(status)?.[1] ?? null)
  } catch {
    return null
  }
}
