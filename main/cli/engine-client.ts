// The Docker client a command asks, loaded only when it asks one: dockerode is the largest part of the
// bundle, and `--no-engine` runs without it.
import type { DockerClient } from '../engine/docker-client'
import type { EngineReads } from '../engine/engine-reads'
import type { EngineEndpoint } from '../../shared/model'
import type { CliIo } from './run'
import { engineFlags } from './parse-options'

export async function engineClient(io: CliIo, values: Parameters<typeof engineFlags>[0]): Promise<DockerClient> {
  const { createDockerClient } = await import('../engine/docker-client')
  return createDockerClient(io.env, engineFlags(values))
}

export interface EngineReadsClient {
  docker: EngineReads
  endpoint: string
  origin: EngineEndpoint
}

/**
 * For a command that only reads the engine once (snapshot): over a unix socket or plain TCP, reads that
 * do not load dockerode (lean-engine-reads.ts), which load it when more is asked; otherwise (TLS, ssh,
 * GLASSHOUSE_LEAN_HTTP=0) dockerode's client. Throws DockerHostError as engineClient does.
 */
export async function engineReadsClient(io: CliIo, values: Parameters<typeof engineFlags>[0]): Promise<EngineReadsClient> {
  // GLASSHOUSE_LEAN_HTTP=0: through dockerode, e.g. behind a proxy the lean client does not get along with.
  if (io.env.GLASSHOUSE_LEAN_HTTP === '0') return engineClient(io, values)
  const [{ chooseDockerTarget }, { LeanEngineReads }] = await Promise.all([import('../engine/docker-target'), import('../engine/lean-engine-reads')])
  const { target, endpoint, origin } = chooseDockerTarget(io.env, engineFlags(values))
  const lean = target.kind === 'unix' ? { socketPath: target.socketPath } : target.kind === 'tcp' && !target.tls ? { host: target.host, port: target.port } : null
  if (!lean) return engineClient(io, values)
  return { docker: new LeanEngineReads(lean, async () => (await engineClient(io, values)).docker), endpoint, origin }
}
