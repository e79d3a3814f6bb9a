// Which Docker endpoint to talk to, and how: the endpoint endpoint-selection.ts chose (flags,
// DOCKER_HOST, a docker CLI context or a default socket), its address checked the way the docker CLI
// checks DOCKER_HOST (docker/cli opts/hosts.go, cli/flags/options.go). No client is built here
// (docker-client.ts builds dockerode's, lean-engine-reads.ts its own), so nothing loads dockerode.
//
// Why not let docker-modem read DOCKER_HOST itself: it reads only process.env (we take the env
// as a parameter), and it differs from the CLI (kernel-facts §6.4): `tcp://host` without a port
// goes to port 80 instead of 2375, port 2376 alone switches to https, DOCKER_TLS_VERIFY must be
// exactly "1" and DOCKER_TLS is ignored, certificates are only looked for in DOCKER_CERT_PATH,
// and a value it cannot parse (or a missing cert file) throws from its constructor.
// One deliberate difference from the CLI: DOCKER_HOST needs a scheme (see resolveTarget), and a
// value that cannot be used throws DockerHostError here rather than failing every request later.
// The same rules apply to --docker-host and to a context's host; a context brings its own TLS files.
import { readFileSync } from 'node:fs'
import { homedir } from 'node:os'
import { join } from 'node:path'
import type { EngineEndpoint } from '../../shared/model'
import type { DockerContext } from './docker-context'
import { DockerHostError } from './docker-host-error'
import { selectEndpoint, SYSTEM_SOCKETS, type EndpointFlags, type EndpointSelection, type SystemSockets } from './endpoint-selection'

const DEFAULT_TCP_PORT = 2375

export type Target =
  | { kind: 'unix'; socketPath: string }
  | { kind: 'tcp'; host: string; port: number; tls: TlsSettings | null }
  | { kind: 'ssh'; url: URL }

export interface TlsSettings {
  verify: boolean
  ca?: Buffer
  cert?: Buffer
  key?: Buffer
}

export interface DockerTarget {
  target: Target
  /** Human-readable: `unix:///var/run/docker.sock`, `tcp://host:2376 (TLS, docker context "x")` … */
  endpoint: string
  /** Which endpoint, and how it was chosen. */
  origin: EngineEndpoint
}

/**
 * Throws DockerHostError when the chosen endpoint (an address, a context, a TLS file it needs)
 * cannot be used; nothing is sent.
 */
export function chooseDockerTarget(
  env: NodeJS.ProcessEnv = process.env,
  flags: EndpointFlags = {},
  sockets: SystemSockets = SYSTEM_SOCKETS
): DockerTarget {
  const selection = selectEndpoint(env, flags, sockets)
  const target = resolveTarget(selection, env, sockets.docker)
  return { target, endpoint: describe(target, selection.origin), origin: selection.origin }
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
