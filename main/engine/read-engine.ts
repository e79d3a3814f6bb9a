// One read of the Docker daemon: who it is (info, version) and what every container, running or
// not, was asked to be (list, then inspect each). Never throws: an unreachable daemon is a state
// the views explain, and a container that fails to inspect becomes a Problem.
import { setMaxListeners } from 'node:events'
import type Docker from 'dockerode'
import type { EngineReads } from './engine-reads'
import type { EngineEndpoint, EngineState, Problem, ProblemField } from '../../shared/model'
import { declaredFromInspect } from './declared'
import { describeDockerError, httpStatusOf } from './docker-errors'
import type { InfoAnswer } from './engine-info'
import { exitStateFromInspect } from './exit-state'
import { declaredExtraFromInspect } from './declared-extra'
import { attachImageDetails } from './image-attach'
import { attachSwarmFileStats } from './swarm-file-stats'
import { readSwarm } from './swarm-read'
import type { EngineContainer, EngineReport } from './types'

export const DEFAULT_ENGINE_TIMEOUT_MS = 5_000
/** Parallel inspects: enough to hide latency (13 ms each, §6.5) without flooding the daemon. */
export const INSPECT_CONCURRENCY = 8
/** How Go prints a zero time.Time: State.StartedAt of a container that never started. */
const GO_ZERO_TIME = '0001-01-01T00:00:00Z'

export interface ReadEngineOptions {
  /** Deadline for the whole read, in ms. */
  timeoutMs?: number
  /** How the endpoint was chosen, carried into the engine state. */
  origin?: EngineEndpoint
  /** GET /info already asked for this start (engine-info.ts): taken instead of asking again. */
  info?: Promise<InfoAnswer>
}

export async function readEngine(
  docker: EngineReads,
  endpoint: string,
  options: ReadEngineOptions = {}
): Promise<EngineReport> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_ENGINE_TIMEOUT_MS
  // One deadline shared by every call, passed per request: a client-wide docker-modem `timeout`
  // would also kill idle event streams on the same client (kernel-facts §6.4).
  const signal = AbortSignal.timeout(timeoutMs)
  // One deadline for the whole read: every request listens on it, more than the default 10 at once.
  setMaxListeners(0, signal)
  const failure = (error: unknown, what: string): string => describeReadFailure(error, what, signal, timeoutMs)
  const origin = options.origin ? { endpointOrigin: options.origin } : {}
  const asked = options.info ? await options.info : null
  // A daemon that did not answer /info a moment ago is not waited for again.
  if (asked && !asked.ok) return unreachable(endpoint, asked.error, origin)
  const [info, version] = await Promise.allSettled([asked ? Promise.resolve(asked.info) : docker.info({ abortSignal: signal }), docker.version({ abortSignal: signal })])
  if (info.status === 'rejected') return unreachable(endpoint, failure(info.reason, 'GET /info'), origin)
  if (!isRecord(info.value)) {
    return unreachable(endpoint, 'GET /info did not answer with a JSON object (is this a Docker daemon?)', origin)
  }

  const problems: Problem[] = []
  if (version.status === 'rejected') {
    problems.push({ field: 'engine.apiVersion', reason: 'unavailable', message: failure(version.reason, 'GET /version') })
  }
  const state: EngineState = { ...engineState(info.value, version.status === 'fulfilled' ? version.value : null, endpoint), ...origin }

  // The swarm calls run beside the container list; outside a swarm /info alone answers.
  const swarm = readSwarm(docker, info.value, signal).catch(() => null)
  let listed: unknown
  try {
    listed = await docker.listContainers({ all: true, abortSignal: signal })
  } catch (error) {
    problems.push({ field: 'containers', reason: 'unavailable', message: failure(error, 'GET /containers/json') })
    return { state, containers: [], problems }
  }
  if (!Array.isArray(listed)) {
    problems.push({ field: 'containers', reason: 'malformed', message: 'GET /containers/json did not answer with a list' })
    return { state, containers: [], problems }
  }

  const entries = listed.filter(isContainerEntry)
  const inspected = await mapBounded(entries, INSPECT_CONCURRENCY, (entry) => inspectContainer(docker, entry, signal, failure, problems))
  const containers = inspected.filter((c): c is EngineContainer => c !== null)
  const [swarmState] = await Promise.all([swarm, attachImageDetails(docker, containers, signal, failure)])
  if (swarmState?.state === 'active') attachSwarmFileStats(swarmState, containers)
  return { state, containers, problems, ...(swarmState ? { swarm: swarmState } : {}) }
}

export function isContainerEntry(e: unknown): e is Docker.ContainerInfo {
  return isRecord(e) && typeof e.Id === 'string'
}

/** One container's inspect with its list entry; null (and a Problem) when it fails or answers no container. */
export async function inspectContainer(
  docker: EngineReads,
  entry: Docker.ContainerInfo,
  signal: AbortSignal,
  failure: (error: unknown, what: string) => string,
  problems: Problem[]
): Promise<EngineContainer | null> {
  try {
    const info = await docker.getContainer(entry.Id).inspect({ abortSignal: signal })
    // The daemon's answer is typed, not checked: a proxy or an old daemon may send anything.
    if (isRecord(info) && typeof info.Id === 'string') return engineContainer(info, entry)
    problems.push({ field: `container ${entry.Id.slice(0, 12)}`, reason: 'malformed', message: 'inspect did not answer with a container' })
    return null
  } catch (error) {
    problems.push(inspectProblem(entry.Id, error, failure(error, `GET /containers/${entry.Id.slice(0, 12)}/json`)))
    return null
  }
}

function unreachable(endpoint: string, detail: string, origin: { endpointOrigin?: EngineEndpoint }): EngineReport {
  const state: EngineState = { reachable: false, error: `cannot reach Docker at ${endpoint}: ${detail}`, endpoint, ...origin }
  return { state, containers: [], problems: [] }
}

function engineState(info: Record<string, unknown>, version: unknown, endpoint: string): EngineState {
  const v = isRecord(version) ? version : {}
  return {
    reachable: true,
    version: text(v.Version) || text(info.ServerVersion),
    apiVersion: text(v.ApiVersion),
    cgroupDriver: text(info.CgroupDriver),
    cgroupVersion: text(info.CgroupVersion),
    securityOptions: Array.isArray(info.SecurityOptions) ? info.SecurityOptions.filter((o) => typeof o === 'string') : [],
    endpoint
  }
}

function engineContainer(info: Docker.ContainerInspectInfo, entry: Docker.ContainerInfo): EngineContainer {
  const running = info.State?.Running === true && info.State.Pid > 0
  const startedAt = info.State?.StartedAt
  return {
    id: info.Id,
    name: text(info.Name).replace(/^\//, ''),
    image: text(info.Config?.Image) || text(entry.Image) || text(info.Image),
    state: text(info.State?.Status) || text(entry.State),
    pid: running ? info.State.Pid : null,
    declared: declaredFromInspect(info),
    labels: info.Config?.Labels ?? entry.Labels ?? {},
    createdAt: text(info.Created),
    startedAt: startedAt && startedAt !== GO_ZERO_TIME ? startedAt : null,
    ...exitStateFromInspect(info),
    declaredExtra: declaredExtraFromInspect(info)
  }
}

function inspectProblem(id: string, error: unknown, message: string): Problem {
  const field: ProblemField = `container ${id.slice(0, 12)}`
  const status = httpStatusOf(error)
  // Removed between list and inspect: the same race as a pid exiting mid-scan.
  if (status === 404) return { field, reason: 'exited', message: 'removed before it could be inspected' }
  return { field, reason: status === 401 || status === 403 ? 'denied' : 'unavailable', message }
}

/** A short sentence naming the errno or HTTP status, or the deadline that passed. */
export function describeReadFailure(error: unknown, what: string, signal: AbortSignal, timeoutMs: number): string {
  if (signal.aborted) return `no answer to ${what} within ${timeoutMs} ms`
  return describeDockerError(error, what)
}

export async function mapBounded<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length)
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++
      results[index] = await fn(items[index] as T)
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
  return results
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !Buffer.isBuffer(value)
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : ''
}
