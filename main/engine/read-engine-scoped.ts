// A read of the daemon scoped to the containers its events named: the list once (renames, removals,
// containers whose events were missed), an inspect of each named or newly listed container, and the
// last report's data for every other one. A live session's answer to other people's containers
// starting and stopping: one inspect instead of fifty. Never throws; where a scoped read cannot stand
// in for a whole one (the last read failed, the list fails, a swarm task's container came or went: the
// swarm's tasks follow it) it answers null and the caller reads the whole engine again.
import { setMaxListeners } from 'node:events'
import type Docker from 'dockerode'
import type { Problem } from '../../shared/model'
import { attachImageDetails } from './image-attach'
import { imageReference } from './image-read'
import { DEFAULT_ENGINE_TIMEOUT_MS, describeReadFailure, INSPECT_CONCURRENCY, inspectContainer, isContainerEntry, mapBounded, type ReadEngineOptions } from './read-engine'
import type { EngineContainer, EngineReport } from './types'

const SWARM_TASK_LABEL = 'com.docker.swarm.task.id'

export interface ScopedRead {
  report: EngineReport
  /** Containers whose data is new in this report (inspected now), for the kernel side to read afresh. */
  inspected: string[]
}

export async function readEngineScoped(
  docker: Docker,
  previous: EngineReport,
  named: ReadonlySet<string>,
  options: Pick<ReadEngineOptions, 'timeoutMs'> = {}
): Promise<ScopedRead | null> {
  // Who the daemon is stays as last read: a restart breaks the event stream, which asks for a whole read.
  if (!previous.state.reachable) return null
  const timeoutMs = options.timeoutMs ?? DEFAULT_ENGINE_TIMEOUT_MS
  const signal = AbortSignal.timeout(timeoutMs)
  setMaxListeners(0, signal)
  const failure = (error: unknown, what: string): string => describeReadFailure(error, what, signal, timeoutMs)
  let listed: unknown
  try {
    listed = await docker.listContainers({ all: true, abortSignal: signal })
  } catch {
    return null
  }
  if (!Array.isArray(listed)) return null

  const before = new Map(previous.containers.map((c) => [c.id, c]))
  const entries = listed.filter(isContainerEntry)
  const fresh = entries.filter((e) => named.has(e.Id) || !before.has(e.Id))
  const freshIds = new Set(fresh.map((e) => e.Id))
  const listedIds = new Set(entries.map((e) => e.Id))
  const gone = previous.containers.filter((c) => !listedIds.has(c.id))
  if (fresh.some((e) => isSwarmTask(e.Labels)) || gone.some((c) => isSwarmTask(c.labels))) return null
  const problems: Problem[] = previous.problems.filter((p) => keptProblem(p, entries, freshIds))
  const inspected = await mapBounded(fresh, INSPECT_CONCURRENCY, (entry) => inspectContainer(docker, entry, signal, failure, problems))
  const byId = new Map(inspected.filter((c): c is EngineContainer => c !== null).map((c) => [c.id, c]))
  // The list's order, as a whole read gives it.
  const inOrder = entries.map((e) => (freshIds.has(e.Id) ? byId.get(e.Id) : before.get(e.Id))).filter((c): c is EngineContainer => c !== undefined)
  const containers = await attachImages(docker, [...byId.values()], inOrder, signal, failure)
  return {
    report: { state: previous.state, containers, problems, ...(previous.swarm ? { swarm: previous.swarm } : {}) },
    inspected: [...freshIds]
  }
}

/** Swarm tasks are listed in the swarm part of the report, with their containers' file stats. */
function isSwarmTask(labels: Record<string, string> | undefined): boolean {
  return labels?.[SWARM_TASK_LABEL] !== undefined
}

/** A per-container problem stays while that container is listed and not inspected again; the daemon's own ones stay. */
function keptProblem(problem: Problem, entries: readonly Docker.ContainerInfo[], freshIds: ReadonlySet<string>): boolean {
  if (problem.field === 'containers') return false
  if (!problem.field.startsWith('container ')) return true
  const short = problem.field.slice('container '.length)
  return entries.some((e) => e.Id.startsWith(short) && !freshIds.has(e.Id))
}

/**
 * The images of the containers inspected now are read again (tags move: a rebuilt image takes the tag
 * from the old one), and what was read is given to every other container of the same image too.
 */
async function attachImages(
  docker: Docker,
  fresh: EngineContainer[],
  containers: EngineContainer[],
  signal: AbortSignal,
  failure: (error: unknown, what: string) => string
): Promise<EngineContainer[]> {
  await attachImageDetails(docker, fresh, signal, failure)
  const readNow = new Map(fresh.filter((c) => c.imageDetails && c.declaredExtra?.imageId).map((c) => [c.declaredExtra?.imageId, c.imageDetails]))
  const freshSet = new Set(fresh)
  return containers.map((c) => {
    const details = readNow.get(c.declaredExtra?.imageId)
    if (freshSet.has(c) || !details || !c.imageDetails) return c
    // The last report's object is shared with its snapshot: a copy.
    return { ...c, imageDetails: { ...details, reference: imageReference(c.declaredExtra?.imageRef ?? c.image) } }
  })
}
