// The Docker client a command asks, loaded only when it asks one: dockerode is the largest part of the
// bundle, and `--no-engine` runs without it.
import type { DockerClient } from '../engine/docker-client'
import type { CliIo } from './run'
import { engineFlags } from './parse-options'

export async function engineClient(io: CliIo, values: Parameters<typeof engineFlags>[0]): Promise<DockerClient> {
  const { createDockerClient } = await import('../engine/docker-client')
  return createDockerClient(io.env, engineFlags(values))
}
