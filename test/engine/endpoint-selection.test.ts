// Which daemon createDockerClient picks, on fixture docker config directories (see
// test/fixtures/docker-config/README.md) and on scratch runtime directories with real sockets.
import { createHash } from 'node:crypto'
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs'
import { createServer, type Server } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type DockerModem from 'docker-modem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { EngineEndpoint } from '../../shared/model'
import { createDockerClient, type EndpointFlags } from '../../main/engine/docker-client'
import { DockerContextError, readContext } from '../../main/engine/docker-context'
import { DockerHostError } from '../../main/engine/docker-host-error'
import type { SystemSockets } from '../../main/engine/endpoint-selection'
import { readEngine } from '../../main/engine/read-engine'

const FIXTURES = resolve(__dirname, '../fixtures/docker-config')
const STORE = join(FIXTURES, 'contexts')

const scratch = mkdtempSync(join(tmpdir(), 'glasshouse-endpoint-'))
const emptyHome = join(scratch, 'home')
mkdirSync(emptyHome)
/** Sockets that do not exist: a machine without a system daemon (this one has one). */
const NO_SYSTEM_SOCKETS: SystemSockets = { docker: join(scratch, 'no-docker.sock'), podman: join(scratch, 'no-podman.sock') }
const servers: Server[] = []

afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))))
  rmSync(scratch, { recursive: true, force: true })
})

function choose(env: NodeJS.ProcessEnv, flags: EndpointFlags = {}, sockets?: SystemSockets): { origin: EngineEndpoint; endpoint: string; modem: DockerModem.ConstructorOptions } {
  const { docker, origin, endpoint } = createDockerClient({ HOME: emptyHome, ...env }, flags, sockets)
  return { origin, endpoint, modem: docker.modem }
}

function refusal(env: NodeJS.ProcessEnv, flags: EndpointFlags = {}): DockerHostError {
  try {
    createDockerClient({ HOME: emptyHome, ...env }, flags)
  } catch (error) {
    expect(error).toBeInstanceOf(DockerHostError)
    return error as DockerHostError
  }
  throw new Error('expected createDockerClient to refuse')
}

/** A listening unix socket, as a daemon leaves it. */
async function listen(path: string): Promise<void> {
  mkdirSync(join(path, '..'), { recursive: true })
  const server = createServer()
  servers.push(server)
  await new Promise<void>((r) => server.listen(path, r))
}

describe('precedence, each level on the fixture store (current context: from-config)', () => {
  const env = { DOCKER_CONFIG: STORE, DOCKER_CONTEXT: 'from-env', DOCKER_HOST: 'unix:///run/from-docker-host.sock' }

  it('--host beats everything', () => {
    const { origin, modem } = choose(env, { host: 'unix:///run/from-host-flag.sock' })
    expect(origin).toEqual({ host: 'unix:///run/from-host-flag.sock', source: 'flag' })
    expect(modem.socketPath).toBe('/run/from-host-flag.sock')
  })

  it('--context beats DOCKER_HOST, DOCKER_CONTEXT and config.json', () => {
    const { origin, modem, endpoint } = choose(env, { context: 'from-flag' })
    expect(origin).toEqual({ host: 'unix:///run/from-flag.sock', source: 'context', context: 'from-flag' })
    expect(modem.socketPath).toBe('/run/from-flag.sock')
    expect(endpoint).toBe('unix:///run/from-flag.sock (docker context "from-flag")')
  })

  it('DOCKER_HOST beats DOCKER_CONTEXT and config.json', () => {
    const { origin, endpoint } = choose(env)
    expect(origin).toEqual({ host: 'unix:///run/from-docker-host.sock', source: 'DOCKER_HOST' })
    expect(endpoint).toBe('unix:///run/from-docker-host.sock')
  })

  it('DOCKER_CONTEXT beats config.json', () => {
    const { origin } = choose({ ...env, DOCKER_HOST: '' })
    expect(origin).toEqual({ host: 'unix:///run/from-env.sock', source: 'context', context: 'from-env' })
  })

  it('config.json currentContext when nothing else names one', () => {
    const { origin, modem } = choose({ DOCKER_CONFIG: STORE })
    expect(origin).toEqual({ host: 'unix:///run/from-config.sock', source: 'context', context: 'from-config' })
    expect(modem.socketPath).toBe('/run/from-config.sock')
  })

  it('~/.docker is the store when DOCKER_CONFIG is unset', () => {
    const home = join(scratch, 'home-with-store')
    mkdirSync(home)
    symlinkSync(STORE, join(home, '.docker'))
    expect(choose({ HOME: home }).origin.context).toBe('from-config')
  })

  it('the default socket when no store names a context, or its config.json is broken (the CLI warns and goes on)', () => {
    expect(choose({}).origin).toEqual({ host: 'unix:///var/run/docker.sock', source: 'default' })
    expect(choose({ DOCKER_CONFIG: join(FIXTURES, 'broken-config') }).origin.source).toBe('default')
  })

  it('the context named "default" means DOCKER_HOST, else the default socket', () => {
    expect(choose({ DOCKER_CONFIG: STORE, DOCKER_CONTEXT: 'default' }).origin).toEqual({ host: 'unix:///var/run/docker.sock', source: 'default' })
    expect(choose({ DOCKER_CONFIG: STORE, DOCKER_HOST: 'tcp://127.0.0.1:2375' }, { context: 'default' }).origin.source).toBe('DOCKER_HOST')
  })

  it('--host and --context together are refused, as the docker CLI refuses them', () => {
    expect(refusal({}, { host: 'unix:///a.sock', context: 'from-flag' }).message).toBe('cannot use both --docker-host (-H) and --context: choose one')
  })
})

describe('a context that cannot be used is a clear error', () => {
  it('a missing context, named by any of the three, says which and where it was looked for', () => {
    for (const [env, flags] of [
      [{ DOCKER_CONFIG: STORE }, { context: 'gone' }],
      [{ DOCKER_CONFIG: STORE, DOCKER_CONTEXT: 'gone' }, {}],
      [{ DOCKER_CONFIG: join(FIXTURES, 'dangling') }, {}]
    ] as Array<[NodeJS.ProcessEnv, EndpointFlags]>) {
      const error = refusal(env, flags)
      expect(error).toBeInstanceOf(DockerContextError)
      expect(error.message).toMatch(/^docker context "gone" does not exist \(no .*\/contexts\/meta\/[0-9a-f]{64}\/meta\.json; see docker context ls\)$/)
    }
  })

  it('a context without a docker endpoint, or with an address that is not one', () => {
    expect(refusal({ DOCKER_CONFIG: STORE }, { context: 'no-endpoint' }).message).toMatch(/^docker context "no-endpoint" has no docker endpoint/)
    expect(refusal({ DOCKER_CONFIG: STORE }, { context: 'bad-host' }).message).toBe(
      'docker context "bad-host" (host udp://127.0.0.1:2375) has an unknown scheme "udp://"; use unix://, tcp:// or ssh://'
    )
  })

  it('a bad --docker-host is named as the flag', () => {
    expect(refusal({}, { host: '/run/x.sock' }).message).toBe('--docker-host /run/x.sock has no scheme; for a socket write unix:///run/x.sock')
  })
})

describe('TLS material of a context', () => {
  it('the files are looked for in contexts/tls/<sha256 of the name>/docker/', () => {
    const id = createHash('sha256').update('remote-tls').digest('hex')
    const dir = join(STORE, 'contexts', 'tls', id, 'docker')
    expect(readContext(STORE, 'remote-tls').tls).toEqual({ ca: join(dir, 'ca.pem'), cert: join(dir, 'cert.pem'), key: join(dir, 'key.pem') })
    expect(readContext(STORE, 'ca-only').tls).toEqual({ ca: join(STORE, 'contexts', 'tls', createHash('sha256').update('ca-only').digest('hex'), 'docker', 'ca.pem') })
    expect(readContext(STORE, 'skip-verify')).toMatchObject({ tls: {}, skipTlsVerify: true })
  })

  it('ca, cert and key → https, verified', () => {
    const { modem, endpoint } = choose({ DOCKER_CONFIG: STORE }, { context: 'remote-tls' })
    expect(modem).toMatchObject({ protocol: 'https', host: '127.0.0.1', port: 2376 })
    expect(String(modem.ca)).toBe('fixture ca.pem of context remote-tls: placeholder text, not key material\n')
    expect(String(modem.cert)).toBe('fixture cert.pem of context remote-tls: placeholder text, not key material\n')
    expect(String(modem.key)).toBe('fixture key.pem of context remote-tls: placeholder text, not key material\n')
    expect(endpoint).toBe('tcp://127.0.0.1:2376 (TLS, docker context "remote-tls")')
  })

  it('the environment\'s DOCKER_TLS_VERIFY / DOCKER_CERT_PATH do not apply to a context', () => {
    const certPath = join(FIXTURES, 'contexts', 'contexts', 'tls')
    const plain = choose({ DOCKER_CONFIG: STORE, DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: certPath }, { context: 'plain-tcp' })
    expect(plain.modem).toMatchObject({ protocol: 'http', host: '127.0.0.1', port: 2375 })
    const onlyCa = choose({ DOCKER_CONFIG: STORE }, { context: 'ca-only' })
    expect(onlyCa.modem.protocol).toBe('https')
    expect(String(onlyCa.modem.ca)).toMatch(/^fixture ca\.pem of context ca-only/)
    expect(onlyCa.modem.cert).toBeUndefined()
    expect(onlyCa.modem.key).toBeUndefined()
  })

  it('SkipTLSVerify without files → https, certificate not verified', () => {
    const { modem, endpoint } = choose({ DOCKER_CONFIG: STORE }, { context: 'skip-verify' })
    expect(modem.protocol).toBe('https')
    expect(modem.ca).toBeUndefined()
    expect(endpoint).toBe('tcp://127.0.0.1:2376 (TLS, certificate not verified, docker context "skip-verify")')
  })
})

describe('default sockets when the system socket does not exist', () => {
  let runtimeDir: string
  beforeAll(() => {
    runtimeDir = join(scratch, 'run-user')
    mkdirSync(runtimeDir)
  })

  it('no socket anywhere → the system socket is named, so the error says where a daemon was expected', () => {
    const { origin } = choose({ XDG_RUNTIME_DIR: runtimeDir }, {}, NO_SYSTEM_SOCKETS)
    expect(origin).toEqual({ host: `unix://${NO_SYSTEM_SOCKETS.docker}`, source: 'default' })
  })

  it('Podman\'s system socket, then the user\'s Podman socket, then rootless Docker, each named', async () => {
    const system: SystemSockets = { ...NO_SYSTEM_SOCKETS, podman: join(scratch, 'run-podman', 'podman.sock') }
    await listen(system.podman)
    expect(choose({ XDG_RUNTIME_DIR: runtimeDir }, {}, system)).toMatchObject({
      origin: { host: `unix://${system.podman}`, source: 'podman' },
      endpoint: `unix://${system.podman} (Podman)`
    })
    const userPodman = join(runtimeDir, 'podman', 'podman.sock')
    await listen(userPodman)
    expect(choose({ XDG_RUNTIME_DIR: runtimeDir }, {}, system).origin).toEqual({ host: `unix://${userPodman}`, source: 'podman' })
    const rootless = join(runtimeDir, 'docker.sock')
    await listen(rootless)
    const chosen = choose({ XDG_RUNTIME_DIR: runtimeDir }, {}, system)
    expect(chosen.origin).toEqual({ host: `unix://${rootless}`, source: 'rootless' })
    expect(chosen.endpoint).toBe(`unix://${rootless} (rootless Docker)`)
    expect(chosen.modem.socketPath).toBe(rootless)
  })

  it('the system socket, when it exists, wins over rootless and Podman sockets', () => {
    // This machine's real /var/run/docker.sock; the rootless socket from the test above is still there.
    expect(choose({ XDG_RUNTIME_DIR: runtimeDir }).origin).toEqual({ host: 'unix:///var/run/docker.sock', source: 'default' })
  })
})

describe('the engine state says how the endpoint was chosen', () => {
  it('also when the chosen daemon does not answer', async () => {
    const missing = join(scratch, 'nobody-listens.sock')
    const client = createDockerClient({ HOME: emptyHome }, { host: `unix://${missing}` })
    const report = await readEngine(client.docker, client.endpoint, { origin: client.origin, timeoutMs: 5000 })
    expect(report.state).toMatchObject({ reachable: false, endpoint: `unix://${missing}`, endpointOrigin: { host: `unix://${missing}`, source: 'flag' } })
  })
})
