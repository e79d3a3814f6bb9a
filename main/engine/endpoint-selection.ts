// Which Docker endpoint to use, in the docker CLI's order (docs: `docker context use`; checked
// against docker CLI 28): --host / --context flags, then DOCKER_HOST, then DOCKER_CONTEXT, then
// `currentContext` in config.json, then the default socket. Only the choice is made here; the
// address is checked and turned into a client in docker-client.ts.
import { existsSync } from 'node:fs'
import { homedir } from 'node:os'
import { join } from 'node:path'
import type { EngineEndpoint } from '../../shared/model'
import { currentContextName, DEFAULT_CONTEXT, dockerConfigDir, readContext, type DockerContext } from './docker-context'
import { DockerHostError, printableDockerHost } from './docker-host-error'

/** Command-line choices; both at once is refused, as the CLI does ("cannot specify both"). */
export interface EndpointFlags {
  host?: string
  context?: string
}

/** System-wide sockets, replaceable in tests (this machine always has the first). */
export interface SystemSockets {
  docker: string
  podman: string
}

export const SYSTEM_SOCKETS: SystemSockets = { docker: '/var/run/docker.sock', podman: '/run/podman/podman.sock' }

export interface EndpointSelection {
  origin: EngineEndpoint
  /** Names the setting in an error message: `DOCKER_HOST=…`, `--docker-host …`, `docker context "x" (host …)`. */
  setting: string
  /** Where TLS comes from: the environment (DOCKER_TLS_VERIFY …) or the context's stored files. */
  tls: { from: 'env' } | { from: 'context'; context: DockerContext }
}

/** Throws DockerHostError (or DockerContextError) when the choice cannot be used. */
export function selectEndpoint(env: NodeJS.ProcessEnv, flags: EndpointFlags = {}, sockets: SystemSockets = SYSTEM_SOCKETS): EndpointSelection {
  const flagHost = flags.host?.trim() ?? ''
  const flagContext = flags.context?.trim() ?? ''
  if (flagHost !== '' && flagContext !== '') throw new DockerHostError('cannot use both --docker-host (-H) and --context: choose one')
  if (flagHost !== '') return { origin: { host: flagHost, source: 'flag' }, setting: `--docker-host ${printableDockerHost(flagHost)}`, tls: { from: 'env' } }
  if (flagContext !== '') return fromContext(flagContext, env, sockets)
  const dockerHost = dockerHostSelection(env)
  if (dockerHost) return dockerHost
  const named = env.DOCKER_CONTEXT?.trim() || currentContextName(dockerConfigDir(env))
  return named ? fromContext(named, env, sockets) : defaultSocket(env, sockets)
}

function dockerHostSelection(env: NodeJS.ProcessEnv): EndpointSelection | null {
  const raw = env.DOCKER_HOST?.trim() ?? ''
  if (raw === '') return null
  return { origin: { host: raw, source: 'DOCKER_HOST' }, setting: `DOCKER_HOST=${printableDockerHost(raw)}`, tls: { from: 'env' } }
}

function fromContext(name: string, env: NodeJS.ProcessEnv, sockets: SystemSockets): EndpointSelection {
  // "default" is the CLI's name for "no context": DOCKER_HOST, else the default socket.
  if (name === DEFAULT_CONTEXT) return dockerHostSelection(env) ?? defaultSocket(env, sockets)
  const context = readContext(dockerConfigDir(env), name)
  return {
    origin: { host: context.host, source: 'context', context: name },
    setting: `docker context "${name}" (host ${printableDockerHost(context.host)})`,
    tls: { from: 'context', context }
  }
}

/**
 * No setting names a daemon: the first socket that exists. Docker Desktop's per-user socket comes
 * first, as docker-modem has it; then the system socket; then, for a desktop without a system
 * daemon, rootless Docker and Podman's Docker-compatible API, which the docker CLI only reaches
 * through DOCKER_HOST or a context. When none exists the system socket is named, so the error says
 * where the daemon was expected.
 */
function defaultSocket(env: NodeJS.ProcessEnv, sockets: SystemSockets): EndpointSelection {
  const runtimeDir = env.XDG_RUNTIME_DIR?.trim() ?? ''
  const candidates: Array<[string, EngineEndpoint['source']]> = [
    [join(env.HOME || homedir(), '.docker', 'run', 'docker.sock'), 'desktop'],
    [sockets.docker, 'default'],
    ...(runtimeDir
      ? ([
          [join(runtimeDir, 'docker.sock'), 'rootless'],
          [join(runtimeDir, 'podman', 'podman.sock'), 'podman']
        ] as Array<[string, EngineEndpoint['source']]>)
      : []),
    [sockets.podman, 'podman']
  ]
  const [socket, source] = candidates.find(([path]) => existsSync(path)) ?? [sockets.docker, 'default']
  const host = `unix://${socket}`
  return { origin: { host, source }, setting: host, tls: { from: 'env' } }
}
