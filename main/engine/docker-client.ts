// A dockerode client for the endpoint docker-target.ts chose. docker-modem does the transport: unix
// socket, http/https, and ssh (through the ssh2 package and `docker system dial-stdio` on the remote,
// authenticating only with the agent in SSH_AUTH_SOCK; unlike the CLI's `ssh` binary it does not read
// ~/.ssh/config or key files).
import { Agent as HttpAgent } from 'node:http'
import Docker from 'dockerode'
import type { EngineEndpoint } from '../../shared/model'
import { chooseDockerTarget, type Target } from './docker-target'
import { SYSTEM_SOCKETS, type EndpointFlags, type SystemSockets } from './endpoint-selection'

export interface DockerClient {
  docker: Docker
  /** Human-readable: `unix:///var/run/docker.sock`, `tcp://host:2376 (TLS, docker context "x")` … */
  endpoint: string
  /** Which endpoint, and how it was chosen. */
  origin: EngineEndpoint
}

export type { EndpointFlags } from './endpoint-selection'

/**
 * Throws DockerHostError when the chosen endpoint (an address, a context, a TLS file it needs)
 * cannot be used; nothing is sent.
 */
export function createDockerClient(
  env: NodeJS.ProcessEnv = process.env,
  flags: EndpointFlags = {},
  sockets: SystemSockets = SYSTEM_SOCKETS
): DockerClient {
  const { target, endpoint, origin } = chooseDockerTarget(env, flags, sockets)
  return { docker: buildClient(modemOptions(target, env)), endpoint, origin }
}

/** Every connection field is set, so nothing docker-modem derives from process.env survives. */
function modemOptions(target: Target, env: NodeJS.ProcessEnv): Docker.DockerOptions {
  // No client-wide `timeout`: it is an idle timeout and kills quiet event streams (§6.4);
  // callers pass an abort signal per call instead. DOCKER_CLIENT_TIMEOUT is therefore ignored.
  const blank: Docker.DockerOptions = {
    socketPath: undefined,
    host: undefined,
    port: undefined,
    username: undefined,
    protocol: 'http',
    ca: undefined,
    cert: undefined,
    key: undefined,
    timeout: undefined
  }
  switch (target.kind) {
    case 'unix':
      return { ...blank, socketPath: target.socketPath, agent: plainHttpAgent() }
    case 'tcp': {
      const base = { ...blank, host: target.host, port: target.port }
      if (!target.tls) return { ...base, agent: plainHttpAgent() }
      const { ca, cert, key, verify } = target.tls
      // node:https (and tls) is loaded only for a TLS endpoint: ~8 ms of every start otherwise.
      const agent = verify ? undefined : new (process.getBuiltinModule('node:https').Agent)({ rejectUnauthorized: false })
      return { ...base, protocol: 'https', ca, cert, key, ...(agent ? { agent } : {}) }
    }
    case 'ssh':
      return {
        ...blank,
        protocol: 'ssh',
        host: target.url.hostname,
        port: target.url.port || undefined,
        username: target.url.username ? decodeURIComponent(target.url.username) : undefined,
        sshOptions: { agent: env.SSH_AUTH_SOCK }
      }
  }
}

/**
 * Node's global agent, but without a TLS server name: for each new socket the agent works one out from
 * the Host header (an isIP check that compiles the IPv6 pattern, ~3 ms once) even for plain http over a
 * unix socket, where nothing uses it. Same keep-alive, scheduling and idle timeout as the global agent.
 */
function plainHttpAgent(): HttpAgent {
  return new HttpAgent({ keepAlive: true, scheduling: 'lifo', timeout: 5000, servername: '' } as ConstructorParameters<typeof HttpAgent>[0])
}

/**
 * docker-modem's constructor re-parses process.env.DOCKER_HOST even when every option is given,
 * and throws on a value it cannot parse. Hide it for this synchronous call so only the env we
 * were given decides (nothing else can run in between).
 */
function buildClient(options: Docker.DockerOptions): Docker {
  const saved = process.env.DOCKER_HOST
  delete process.env.DOCKER_HOST
  try {
    return new Docker(options)
  } finally {
    if (saved !== undefined) process.env.DOCKER_HOST = saved
  }
}
