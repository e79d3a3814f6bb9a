// A ContainerRun as the Docker API's create request: the same description docker-command.ts prints
// as `docker run` flags. Each field maps to what the docker CLI sends for its flag.
import type Docker from 'dockerode'
import { containerName, DEMO_IMAGE, parseMemory, type DemoNaming } from '../../shared/demos/docker-command'
import type { ContainerRun } from '../../shared/demos/types'

export function createOptions(run: ContainerRun, naming: DemoNaming, labels: Record<string, string>): Docker.ContainerCreateOptions {
  const target = (value: string | { container: string }): string =>
    typeof value === 'string' ? value : `container:${containerName(naming, value.container)}`
  const host: Docker.HostConfig = {}
  if (run.pid !== undefined) host.PidMode = target(run.pid)
  if (run.network !== undefined) host.NetworkMode = target(run.network)
  if (run.ipc !== undefined) host.IpcMode = target(run.ipc)
  if (run.capAdd) host.CapAdd = run.capAdd
  if (run.capDrop) host.CapDrop = run.capDrop
  if (run.securityOpt) host.SecurityOpt = run.securityOpt
  if (run.cpusetCpus !== undefined) host.CpusetCpus = run.cpusetCpus
  // The CLI sends --cpus as NanoCPUs.
  if (run.cpus !== undefined) host.NanoCpus = Math.round(run.cpus * 1e9)
  if (run.memory !== undefined) host.Memory = parseMemory(run.memory)
  if (run.memorySwap !== undefined) host.MemorySwap = parseMemory(run.memorySwap)
  if (run.pidsLimit !== undefined) host.PidsLimit = run.pidsLimit
  return {
    name: containerName(naming, run.role),
    Image: DEMO_IMAGE,
    Cmd: run.command,
    Labels: labels,
    ...(run.hostname !== undefined ? { Hostname: run.hostname } : {}),
    ...(run.user !== undefined ? { User: run.user } : {}),
    HostConfig: host
  }
}
