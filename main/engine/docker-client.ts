// A dockerode client for the endpoint endpoint-selection.ts chose (flags, DOCKER_HOST, a docker
// CLI context or a default socket), its address checked the way the docker CLI checks DOCKER_HOST
// (docker/cli opts/hosts.go, cli/flags/options.go).
//
// Why not let docker-modem read DOCKER_HOST itself: it reads only process.env (we take the env
// as a parameter), and it differs from the CLI (kernel-facts §6.4): `tcp://host` without a port
// goes to port 80 instead of 2375, port 2376 alone switches to https, DOCKER_TLS_VERIFY must be
// exactly "1" and DOCKER_TLS is ignored, certificates are only looked for in DOCKER_CERT_PATH,
// and a value it cannot parse (or a missing cert file) throws from its constructor.
// One deliberate difference from the CLI: DOCKER_HOST needs a scheme (see resolveTarget), and a
// value that cannot be used throws DockerHostError here rather than failing every request later.
// The same rules apply to --docker-host and to a context's host; a context brings its own TLS files.
// docker-modem still does the transport: unix socket, http/https, and ssh (through the ssh2
// package and `docker system dial-stdio` on the remote, authenticating only with the agent in
// SSH_AUTH_SOCK; unlike the CLI's `ssh` binary it does not read ~/.ssh/config or key files).
import { readFileSync } from 'node:fs'
import { Agent as HttpAgent } from 'node:http'
import { homedir } from 'node:os'
import { join } from 'node:path'
import Docker from 'dockerode'
import type { EngineEndpoint } from '../../shared/model'
import type { DockerContext } from './docker-context'
import { DockerHostError } from './docker-host-error'
import { installLeanHttp, leanHttpEnabled, type ModemInternals } from './lean-http-seam'
import { selectEndpoint, SYSTEM_SOCKETS, type EndpointFlags, type EndpointSelection, type SystemSockets } from './endpoint-selection'

export interface DockerClient {
  docker: Docker
  /** Human-readable: `unix:///var/run/docker.sock`, `tcp://host:2376 (TLS, docker context "x")` … */
  endpoint: string
  /** Which endpoint, and how it was chosen. */
  origin: EngineEndpoint
}

export type { EndpointFlags } from './endpoint-selection'
const DEFAULT_TCP_PORT = 2375

type Target =
  | { kind: 'unix'; socketPath: string }
  | { kind: 'tcp'; host: string; port: number; tls: TlsSettings | null }
  | { kind: 'ssh'; url: URL }

interface TlsSettings {
  verify: boolean
  ca?: Buffer
  cert?: Buffer
  key?: Buffer
}

/**
 * Throws DockerHostError when the chosen endpoint (an address, a context, a TLS file it needs)
 * cannot be used; nothing is sent.
 */
export function createDockerClient(
  env: NodeJS.ProcessEnv = process.env,
  flags: EndpointFlags = {},
  sockets: SystemSockets = SYSTEM_SOCKETS
): DockerClient {
  const selection = selectEndpoint(env, flags, sockets)
  const target = resolveTarget(selection, env, sockets.docker)
  const docker = buildClient(modemOptions(target, env))
  // Plain JSON GETs skip Node's http for CPU's sake (lean-http-seam.ts); never over TLS or ssh.
  if (leanHttpEnabled(env) && (target.kind === 'unix' || (target.kind === 'tcp' && !target.tls))) installLeanHttp(docker.modem as unknown as ModemInternals)
  return { docker, endpoint: describe(target, selection.origin), origin: selection.origin }
}

function resolveTarget(selection: EndpointSelection, env: NodeJS.ProcessEnv, defaultSocket: string): Target {
  const raw = selection.origin.host
  const invalid = (reason: string): DockerHostError => new DockerHostError(`${selection.setting} ${reason}`)
  const tls = (): TlsSettings | null => (selection.tls.from === 'context' ? contextTls(selection.tls.context) : envTls(env))
  const cut = raw.indexOf('://')
  // A scheme is required, as the Engine SDK requires it (client.ParseHostURL: "unable to parse
  // docker host"). The docker CLI would take a bare word as tcp://<word>:2375 and look it up.
  if (cut < 0) throw invalid(`has no scheme; ${schemeHint(raw)}`)
  const proto = raw.slice(0, cut)
  const rest = raw.slice(cut + 3)
  switch (proto) {
    case 'unix':
      if (rest.includes('://')) throw invalid('is not a socket address (expected unix:///path/to/docker.sock)')
      return { kind: 'unix', socketPath: rest === '' ? defaultSocket : rest }
    case 'tcp':
      return tcpTarget(rest, tls, invalid)
    case 'ssh':
      return sshTarget(raw, invalid)
    case 'npipe':
      throw invalid('names a Windows named pipe, which does not exist on Linux')
    case 'fd':
      throw invalid('names an inherited socket (fd://), which only a daemon started by systemd can use')
    default:
      throw invalid(`has an unknown scheme "${proto}://"; use unix://, tcp:// or ssh://`)
  }
}

/** What the user most likely meant by an address without a scheme. */
function schemeHint(raw: string): string {
  if (raw.startsWith('/') || raw.startsWith('./')) return `for a socket write unix://${raw}`
  if (/^[^/\s]+:\d+$/.test(raw)) return `for TCP write tcp://${raw}`
  return 'write unix:///path/to/docker.sock, tcp://host:port or ssh://[user@]host[:port]'
}

type Invalid = (reason: string) => DockerHostError

function tcpTarget(rest: string, tls: () => TlsSettings | null, invalid: Invalid): Target {
  const expected = 'is not a TCP address (expected tcp://host[:port])'
  if (rest.includes('://')) throw invalid(expected)
  let url: URL
  try {
    url = new URL(`tcp://${rest}`)
  } catch {
    throw invalid(expected)
  }
  // URL keeps IPv6 brackets; the socket layer wants the bare address.
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1') || 'localhost'
  // The CLI defaults to 2375 even with TLS on (ParseTCPAddr is always given the plain default).
  const port = url.port === '' ? DEFAULT_TCP_PORT : Number(url.port)
  return { kind: 'tcp', host, port, tls: tls() }
}

/** TLS as the CLI enables it for DOCKER_HOST and --host: DOCKER_TLS_VERIFY or DOCKER_TLS set to anything non-empty. */
function envTls(env: NodeJS.ProcessEnv): TlsSettings | null {
  const verify = Boolean(env.DOCKER_TLS_VERIFY)
  if (!verify && !env.DOCKER_TLS) return null
  const dir = env.DOCKER_CERT_PATH || env.DOCKER_CONFIG || join(env.HOME || homedir(), '.docker')
  const settings: TlsSettings = { verify }
  for (const name of ['ca', 'cert', 'key'] as const) {
    // Missing files are skipped as the CLI does.
    const file = readTlsFile(join(dir, `${name}.pem`))
    if (file) settings[name] = file
  }
  return settings
}

/**
 * A context's TLS: on when it stores TLS files or skips verification (the CLI builds a TLS config
 * then, and only then); the environment's DOCKER_TLS* settings do not apply to a context.
 */
function contextTls(context: DockerContext): TlsSettings | null {
  const { ca, cert, key } = context.tls
  if (!ca && !cert && !key && !context.skipTlsVerify) return null
  const settings: TlsSettings = { verify: !context.skipTlsVerify }
  if (ca) settings.ca = readTlsFile(ca) ?? undefined
  if (cert) settings.cert = readTlsFile(cert) ?? undefined
  if (key) settings.key = readTlsFile(key) ?? undefined
  return settings
}

/** The file, or null when it does not exist; an unreadable one would only fail later, less clearly. */
function readTlsFile(file: string): Buffer | null {
  try {
    return readFileSync(file)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT') return null
    throw new DockerHostError(`cannot read the TLS file ${file} (${code ?? 'error'})`)
  }
}

/** As the CLI checks it (cli/connhelper/ssh): a host, no password, nothing after the host. */
function sshTarget(raw: string, invalid: Invalid): Target {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    throw invalid('is not an SSH address (expected ssh://[user@]host[:port], the port a number)')
  }
  if (url.hostname === '') throw invalid('has no host (expected ssh://[user@]host[:port])')
  if (url.password !== '') throw invalid('has a password in it, which is not supported: ssh authenticates with the agent in SSH_AUTH_SOCK')
  if ((url.pathname !== '' && url.pathname !== '/') || url.search !== '' || url.hash !== '') {
    throw invalid('has something after the host (expected ssh://[user@]host[:port])')
  }
  return { kind: 'ssh', url }
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

const SOURCE_NOTES: Partial<Record<EngineEndpoint['source'], string>> = {
  desktop: 'Docker Desktop',
  rootless: 'rootless Docker',
  podman: 'Podman'
}

function describe(target: Target, origin: EngineEndpoint): string {
  const notes = [transport(target), origin.context ? `docker context "${origin.context}"` : SOURCE_NOTES[origin.source]].filter(Boolean)
  return `${address(target)}${notes.length ? ` (${notes.join(', ')})` : ''}`
}

function address(target: Target): string {
  switch (target.kind) {
    case 'unix':
      return `unix://${target.socketPath}`
    case 'tcp':
      return `tcp://${target.host.includes(':') ? `[${target.host}]` : target.host}:${target.port}`
    case 'ssh': {
      const user = target.url.username ? `${target.url.username}@` : ''
      const port = target.url.port ? `:${target.url.port}` : ''
      return `ssh://${user}${target.url.hostname}${port}`
    }
  }
}

function transport(target: Target): string | null {
  if (target.kind !== 'tcp' || !target.tls) return null
  return target.tls.verify ? 'TLS' : 'TLS, certificate not verified'
}
