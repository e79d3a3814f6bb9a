// A container's zombies: exited processes its PID 1 (or another parent) has not reaped. They hold a
// slot of pids.max each, so a PID 1 that never reaps fills the pids limit with the dead.
import type { ContainerInfo, HostSnapshot } from '../model'
import { initProcess, processesOf } from './snapshot-index'

export interface ZombieParent {
  pid: number
  comm: string
  /** The container's PID 1. */
  isInit: boolean
  count: number
}

export interface ZombieSummary {
  count: number
  /** Most zombies first. */
  parents: ZombieParent[]
  /** One sentence for the views and the CLI, e.g. "27 zombies: PID 1 `sleep` does not reap them; `--init` fixes this". */
  sentence: string
}

export function zombieSummary(snapshot: HostSnapshot, container: ContainerInfo): ZombieSummary | null {
  const zombies = processesOf(snapshot, container.id).filter((p) => p.state === 'Z')
  if (zombies.length === 0) return null
  const init = initProcess(snapshot, container)
  const byPid = new Map(snapshot.processes.map((p) => [p.pid, p]))
  const counts = new Map<number, number>()
  for (const z of zombies) if (z.ppid !== null) counts.set(z.ppid, (counts.get(z.ppid) ?? 0) + 1)
  const parents = [...counts]
    .map(([pid, count]) => ({ pid, comm: byPid.get(pid)?.comm ?? '?', isInit: pid === init?.pid, count }))
    .sort((a, b) => b.count - a.count || a.pid - b.pid)
  return { count: zombies.length, parents, sentence: sentenceFor(zombies.length, parents[0]) }
}

function sentenceFor(count: number, top: ZombieParent | undefined): string {
  const lead = `${count} zombie${count === 1 ? '' : 's'}`
  if (!top) return `${lead}: exited, not yet reaped`
  if (top.isInit) {
    return `${lead}: PID 1 \`${top.comm}\` does not reap ${count === 1 ? 'it' : 'them'}; \`--init\` (a PID 1 that reaps) fixes this`
  }
  return `${lead}: not yet reaped by their parent, host PID ${top.pid} \`${top.comm}\``
}
