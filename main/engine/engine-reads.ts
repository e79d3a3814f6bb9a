// What one read of the engine asks the daemon (read-engine.ts and the swarm, image and info reads it
// makes): GETs only. A dockerode client answers them, and so does lean-engine-reads.ts, which a
// one-off snapshot uses so that dockerode (its largest chunk) is not even loaded unless something
// else is asked of the daemon (a helper container, --changes): BENCHMARKS.md, a snapshot's cost.
import type Docker from 'dockerode'

export interface EngineReads extends Docker.CallsWithOptions {
  listContainers(options: Docker.ContainerListOptions): Promise<Docker.ContainerInfo[]>
  getContainer(id: string): { inspect(options: Docker.ContainerInspectOptions): Promise<Docker.ContainerInspectInfo> }
  /** docker-modem's dial, for the GETs dockerode types without options (swarm-get.ts). */
  modem: EngineModem
  /** The full client behind these reads, loaded when first asked for (absent: the reads are a dockerode client). */
  dockerode?: () => Promise<Docker>
}

/** docker-modem's request entry: it builds the path, sends, and shapes the answer or the error. */
export interface EngineModem {
  dial(options: EngineDialOptions, callback: (error: unknown, data: unknown) => void): void
}

export interface EngineDialOptions {
  path: string
  method: 'GET'
  options: Record<string, unknown>
  abortSignal?: AbortSignal
  /** true for the statuses that answer; for the others, the reason an error carries. */
  statusCodes: Record<number, true | string>
}

/** The full dockerode client for these reads: themselves when they are one, else loaded now. */
export function dockerodeOf(reads: EngineReads): Promise<Docker> {
  if (reads.dockerode) return reads.dockerode()
  if (isDockerode(reads)) return Promise.resolve(reads)
  return Promise.reject(new Error('these engine reads have no dockerode client behind them'))
}

function isDockerode(reads: EngineReads): reads is EngineReads & Docker {
  return typeof (reads as Partial<Docker>).createContainer === 'function'
}
