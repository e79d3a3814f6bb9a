// Where the Docker daemon is, decided from DOCKER_HOST the way the docker CLI decides it
// (docker/cli opts/hosts.go, cli/flags/options.go), and a dockerode client pointed there.
//
// Why not let docker-modem read DOCKER_HOST itself: it reads only process.env (we take the env
// as a parameter), and it differs from the CLI (kernel-facts §6.4): `tcp://host` without a port
// goes to port 80 instead of 2375, port 2376 alone switches to https, DOCKER_TLS_VERIFY must be
// exactly "1" and DOCKER_TLS is ignored, certificates are only looked for in DOCKER_CERT_PATH,
// and a value it cannot parse (or a missing cert file) throws from its constructor.
// One deliberate difference from the CLI: DOCKER_HOST needs a scheme (see resolveTarget), and a
// value that cannot be used throws DockerHostError here rather than failing every request later.
// docker-modem still does the transport: unix socket, http/https, and ssh (through the ssh2
// package and `docker system dial-stdio` on the remote, authenticating only with the agent in
// SSH_AUTH_SOCK; unlike the CLI's `ssh` binary it does not read ~/.ssh/config or key files).
//
// Not read: CLI contexts (DOCKER_CONTEXT, `docker context use`, ~/.docker/contexts). A user on a
// context sees the default socket here; the endpoint description says so when DOCKER_CONTEXT is set.
import { existsSync, readFileSync } from 'node:fs'
import { Agent as HttpsAgent } from 'node:https'
import { homedir } from 'node:os'
import { join } from 'node:path'
import Docker from 'dockerode'
import { DockerHostError, printableDockerHost } from './docker-host-error'

export interface DockerClient {
  docker: Docker
  /** Human-readable: `unix:///var/run/docker.sock`, `tcp://host:2376 (TLS)`, `ssh://user@host` … */
  endpoint: string
}

export const DEFAULT_SOCKET = '/var/run/docker.sock'
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

/** Throws DockerHostError when DOCKER_HOST (or a TLS file it needs) cannot be used; nothing is sent. */
export function createDockerClient(env: NodeJS.ProcessEnv = process.env): DockerClient {
  const target = resolveTarget(env)
  return { docker: buildClient(modemOptions(target, env)), endpoint: describe(target, env) }
}

function resolveTarget(env: NodeJS.ProcessEnv): Target {
  const raw = (env.DOCKER_HOST ?? '').trim()
  if (raw === '') return { kind: 'unix', socketPath: defaultSocket(env) }
  const invalid = (reason: string): DockerHostError => new DockerHostError(`DOCKER_HOST=${printableDockerHost(raw)} ${reason}`)
  const cut = raw.indexOf('://')
  // A scheme is required, as the Engine SDK requires it (client.ParseHostURL: "unable to parse
  // docker host"). The docker CLI would take a bare word as tcp://<word>:2375 and look it up.
  if (cut < 0) throw invalid(`has no scheme; ${schemeHint(raw)}`)
  const proto = raw.slice(0, cut)
  const rest = raw.slice(cut + 3)
  switch (proto) {
    case 'unix':
      if (rest.includes('://')) throw invalid('is not a socket address (expected unix:///path/to/docker.sock)')
      return { kind: 'unix', socketPath: rest === '' ? DEFAULT_SOCKET : rest }
    case 'tcp':
      return tcpTarget(rest, env, invalid)
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

/**
 * As docker-modem does: $HOME/.docker/run/docker.sock (Docker Desktop) when it exists, else
 * /var/run/docker.sock. The CLI itself only knows /var/run/docker.sock and reaches Desktop through
 * a context, which we do not read. Checked once here so the endpoint can name the socket.
 */
function defaultSocket(env: NodeJS.ProcessEnv): string {
  const userSocket = join(env.HOME || homedir(), '.docker', 'run', 'docker.sock')
  return existsSync(userSocket) ? userSocket : DEFAULT_SOCKET
}

type Invalid = (reason: string) => DockerHostError

function tcpTarget(rest: string, env: NodeJS.ProcessEnv, invalid: Invalid): Target {
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
  return { kind: 'tcp', host, port, tls: tlsSettings(env) }
}

/** TLS as the CLI enables it: DOCKER_TLS_VERIFY or DOCKER_TLS set to anything non-empty. */
function tlsSettings(env: NodeJS.ProcessEnv): TlsSettings | null {
  const verify = Boolean(env.DOCKER_TLS_VERIFY)
  if (!verify && !env.DOCKER_TLS) return null
  const dir = env.DOCKER_CERT_PATH || env.DOCKER_CONFIG || join(env.HOME || homedir(), '.docker')
  const settings: TlsSettings = { verify }
  for (const name of ['ca', 'cert', 'key'] as const) {
    const file = join(dir, `${name}.pem`)
    try {
      settings[name] = readFileSync(file)
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      // Missing files are skipped as the CLI does; an unreadable one would only fail later, less clearly.
      if (code !== 'ENOENT') throw new DockerHostError(`cannot read the TLS file ${file} (${code ?? 'error'})`)
    }
  }
  return settings
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
      return { ...blank, socketPath: target.socketPath }
    case 'tcp': {
      const base = { ...blank, host: target.host, port: target.port }
      if (!target.tls) return base
      const { ca, cert, key, verify } = target.tls
      const agent = verify ? undefined : new HttpsAgent({ rejectUnauthorized: false })
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

function describe(target: Target, env: NodeJS.ProcessEnv): string {
  switch (target.kind) {
    case 'unix': {
      const endpoint = `unix://${target.socketPath}`
      const context = env.DOCKER_CONTEXT
      // The CLI would use the context's endpoint; DOCKER_HOST, when set, wins over it there too.
      if (!env.DOCKER_HOST?.trim() && context && context !== 'default') {
        return `${endpoint} (DOCKER_CONTEXT=${context} ignored: docker CLI contexts are not read)`
      }
      return endpoint
    }
    case 'tcp': {
      const host = target.host.includes(':') ? `[${target.host}]` : target.host
      const tls = target.tls ? (target.tls.verify ? ' (TLS)' : ' (TLS, certificate not verified)') : ''
      return `tcp://${host}:${target.port}${tls}`
    }
    case 'ssh': {
      const user = target.url.username ? `${target.url.username}@` : ''
      const port = target.url.port ? `:${target.url.port}` : ''
      return `ssh://${user}${target.url.hostname}${port}`
    }
  }
}
