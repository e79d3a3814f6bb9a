// The swarm as this node's engine sees it: GET /info's Swarm part (node, cluster spec, CA and
// encryption settings), then, on a manager, /nodes, /services, /tasks, /secrets and /configs.
// Join tokens (GET /swarm) are never asked for; config contents (Spec.Data) are never kept.
import type { EngineReads } from './engine-reads'
import type { Problem, SwarmActive, SwarmFileTarget, SwarmNode, SwarmObject, SwarmService, SwarmState, SwarmTask } from '../../shared/model'
import { describeDockerError } from './docker-errors'
import { engineGet } from './swarm-get'
import { readSwarmFiles, type SwarmFiles } from './swarm-files'

export interface SwarmReadOptions {
  /** Reads this node's certificate and raft directory; default: the real files under DockerRootDir. */
  files?: (dockerRootDir: string, nodeId: string) => SwarmFiles
}

/** null when /info says nothing about a swarm (an engine without swarm mode). */
export async function readSwarm(docker: EngineReads, info: Record<string, unknown>, signal: AbortSignal, options: SwarmReadOptions = {}): Promise<SwarmState | null> {
  const swarm = record(info.Swarm)
  if (!swarm) return null
  const localState = text(swarm.LocalNodeState)
  if (localState !== 'active') {
    const state = localState === 'pending' || localState === 'error' || localState === 'locked' ? localState : 'inactive'
    return { state, error: text(swarm.Error) || null }
  }
  const cluster = record(swarm.Cluster)
  const spec = record(cluster?.Spec)
  const ca = record(spec?.CAConfig)
  const isManager = swarm.ControlAvailable === true
  const nodeId = text(swarm.NodeID)
  const problems: Problem[] = []
  const list = async <T>(path: string, map: (item: Record<string, unknown>) => T): Promise<T[]> => {
    if (!isManager) return []
    try {
      const answer = await engineGet(docker, path, signal)
      if (!Array.isArray(answer)) throw new Error(`GET ${path} did not answer with a list`)
      return answer.map(record).filter((x): x is Record<string, unknown> => x !== null).map(map)
    } catch (error) {
      problems.push({ field: 'swarm', reason: 'unavailable', message: describeDockerError(error, `GET ${path}`) })
      return []
    }
  }
  const [nodes, services, tasks, secrets, configs] = await Promise.all([
    list('/nodes', (n) => swarmNode(n, nodeId)),
    list('/services', swarmService),
    list('/tasks', swarmTask),
    list('/secrets', swarmObject),
    list('/configs', swarmObject)
  ])
  if (!isManager) {
    problems.push({ field: 'swarm', reason: 'denied', message: 'this node is a worker: only a manager lists nodes, services, tasks, secrets and configs' })
  }
  const files = (options.files ?? readSwarmFiles)(text(info.DockerRootDir) || '/var/lib/docker', nodeId)
  const expiryNs = number(ca?.NodeCertExpiry)
  const state: SwarmActive = {
    state: 'active',
    nodeId,
    nodeAddr: text(swarm.NodeAddr),
    isManager,
    clusterId: text(cluster?.ID) || null,
    managers: number(swarm.Managers),
    nodeCount: number(swarm.Nodes),
    posture: {
      nodeCertValiditySeconds: expiryNs === null ? null : expiryNs / 1e9,
      nodeCert: files.nodeCert,
      certProblem: files.certProblem,
      rootCaNotAfter: files.rootCaNotAfter(text(record(cluster?.TLSInfo)?.TrustRoot)),
      rootRotationInProgress: typeof cluster?.RootRotationInProgress === 'boolean' ? cluster.RootRotationInProgress : null,
      forceRotate: number(ca?.ForceRotate) ?? (ca ? 0 : null),
      externalCas: Array.isArray(ca?.ExternalCAs) ? ca.ExternalCAs.length : 0,
      autolock: typeof record(spec?.EncryptionConfig)?.AutoLockManagers === 'boolean' ? (record(spec?.EncryptionConfig)?.AutoLockManagers as boolean) : null,
      raftEncrypted: isManager ? files.raftEncrypted : null,
      raftEvidence: isManager ? files.raftEvidence : 'a worker keeps no raft log: only managers store the cluster state'
    },
    nodes,
    services,
    tasks,
    secrets,
    configs,
    problems
  }
  return state
}

function swarmNode(n: Record<string, unknown>, selfId: string): SwarmNode {
  const spec = record(n.Spec)
  const status = record(n.Status)
  const manager = record(n.ManagerStatus)
  const description = record(n.Description)
  return {
    id: text(n.ID),
    hostname: text(description?.Hostname),
    role: text(spec?.Role),
    availability: text(spec?.Availability),
    state: text(status?.State),
    addr: text(status?.Addr),
    engineVersion: text(record(description?.Engine)?.EngineVersion),
    reachability: manager ? text(manager.Reachability) : null,
    leader: manager?.Leader === true,
    self: text(n.ID) === selfId
  }
}

function swarmService(s: Record<string, unknown>): SwarmService {
  const spec = record(s.Spec)
  const containerSpec = record(record(spec?.TaskTemplate)?.ContainerSpec)
  const mode = record(spec?.Mode)
  const replicated = record(mode?.Replicated)
  return {
    id: text(s.ID),
    name: text(spec?.Name),
    image: text(containerSpec?.Image),
    mode: mode ? (Object.keys(mode)[0] ?? '').toLowerCase() : '',
    replicas: number(replicated?.Replicas),
    secrets: fileTargets(containerSpec?.Secrets, 'SecretID', 'SecretName', '/run/secrets/'),
    configs: fileTargets(containerSpec?.Configs, 'ConfigID', 'ConfigName', '/'),
    envNames: (Array.isArray(containerSpec?.Env) ? containerSpec.Env : [])
      .filter((e): e is string => typeof e === 'string')
      .map((e) => e.split('=', 1)[0] ?? '')
      .filter((n) => n !== '')
  }
}

/** A relative secret target lands under /run/secrets; a relative config target under / (Docker 20.10). */
function fileTargets(value: unknown, idKey: string, nameKey: string, base: string): SwarmFileTarget[] {
  if (!Array.isArray(value)) return []
  return value
    .map(record)
    .filter((x): x is Record<string, unknown> => x !== null)
    .map((ref) => {
      const file = record(ref.File)
      const name = text(file?.Name)
      return {
        id: text(ref[idKey]),
        name: text(ref[nameKey]),
        target: name.startsWith('/') ? name : base + name,
        uid: text(file?.UID),
        gid: text(file?.GID),
        mode: number(file?.Mode) ?? 0
      }
    })
}

function swarmTask(t: Record<string, unknown>): SwarmTask {
  const status = record(t.Status)
  return {
    id: text(t.ID),
    serviceId: text(t.ServiceID),
    slot: number(t.Slot),
    nodeId: text(t.NodeID),
    state: text(status?.State),
    desiredState: text(t.DesiredState),
    message: text(status?.Err) || text(status?.Message),
    containerId: text(record(status?.ContainerStatus)?.ContainerID) || null
  }
}

/** A secret's or config's name and labels; a config's Spec.Data (its content) is left behind on purpose. */
function swarmObject(o: Record<string, unknown>): SwarmObject {
  const spec = record(o.Spec)
  const labels = record(spec?.Labels) ?? {}
  return {
    id: text(o.ID),
    name: text(spec?.Name),
    createdAt: text(o.CreatedAt),
    labels: Object.fromEntries(Object.entries(labels).filter((e): e is [string, string] => typeof e[1] === 'string'))
  }
}

function record(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : ''
}

function number(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null
}
