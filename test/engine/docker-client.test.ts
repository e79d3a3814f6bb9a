import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { Agent as HttpAgent, globalAgent } from 'node:http'
import { Agent as HttpsAgent } from 'node:https'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type DockerModem from 'docker-modem'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { createDockerClient } from '../../main/engine/docker-client'
import { DockerHostError } from '../../main/engine/docker-host-error'

const scratch = mkdtempSync(join(tmpdir(), 'glasshouse-docker-client-'))
/** A home without ~/.docker/run/docker.sock, so the default socket is predictable. */
const emptyHome = join(scratch, 'empty-home')
mkdirSync(emptyHome)

afterAll(() => rmSync(scratch, { recursive: true, force: true }))

/** The docker-modem settings that decide where requests go (docker-modem keeps its options on itself). */
function client(env: NodeJS.ProcessEnv): { modem: DockerModem.ConstructorOptions; endpoint: string } {
  const { docker, endpoint } = createDockerClient({ HOME: emptyHome, ...env })
  return { modem: docker.modem, endpoint }
}

/** The one-line error createDockerClient throws for a value, or null when it accepts it. */
function refusal(value: string, env: NodeJS.ProcessEnv = {}): string | null {
  try {
    createDockerClient({ HOME: emptyHome, ...env, DOCKER_HOST: value })
    return null
  } catch (error) {
    expect(error).toBeInstanceOf(DockerHostError)
    return (error as DockerHostError).message
  }
}

describe('createDockerClient: unix sockets', () => {
  it('DOCKER_HOST unset → /var/run/docker.sock', () => {
    const { modem, endpoint } = client({})
    expect(endpoint).toBe('unix:///var/run/docker.sock')
    expect(modem.socketPath).toBe('/var/run/docker.sock')
    expect(modem.host).toBeUndefined()
    expect(modem.protocol).toBe('http')
  })

  it('DOCKER_HOST unset, $HOME/.docker/run/docker.sock present → that socket (Docker Desktop)', () => {
    const home = join(scratch, 'desktop-home')
    mkdirSync(join(home, '.docker', 'run'), { recursive: true })
    writeFileSync(join(home, '.docker', 'run', 'docker.sock'), '')
    const { modem, endpoint } = client({ HOME: home })
    expect(modem.socketPath).toBe(join(home, '.docker', 'run', 'docker.sock'))
    expect(endpoint).toBe(`unix://${home}/.docker/run/docker.sock (Docker Desktop)`)
  })

  it('an empty or blank DOCKER_HOST counts as unset', () => {
    expect(client({ DOCKER_HOST: '' }).modem.socketPath).toBe('/var/run/docker.sock')
    expect(client({ DOCKER_HOST: '  ' }).modem.socketPath).toBe('/var/run/docker.sock')
  })

  it('unix:///path → that socket; unix:// alone → the default socket', () => {
    const { modem, endpoint } = client({ DOCKER_HOST: 'unix:///run/user/1000/docker.sock' })
    expect(modem.socketPath).toBe('/run/user/1000/docker.sock')
    expect(modem.host).toBeUndefined()
    expect(endpoint).toBe('unix:///run/user/1000/docker.sock')
    expect(client({ DOCKER_HOST: 'unix://' }).modem.socketPath).toBe('/var/run/docker.sock')
  })
})

describe('createDockerClient: tcp', () => {
  it('tcp://host:port → plain http to that host and port', () => {
    const { modem, endpoint } = client({ DOCKER_HOST: 'tcp://10.0.0.5:2375' })
    expect(modem).toMatchObject({ host: '10.0.0.5', port: 2375, protocol: 'http' })
    expect(modem.socketPath).toBeUndefined()
    expect(endpoint).toBe('tcp://10.0.0.5:2375')
  })

  it('no port → 2375 (docker-modem alone would use port 80)', () => {
    const { modem, endpoint } = client({ DOCKER_HOST: 'tcp://docker.example' })
    expect(modem).toMatchObject({ host: 'docker.example', port: 2375, protocol: 'http' })
    expect(endpoint).toBe('tcp://docker.example:2375')
  })

  it('port 2376 without TLS variables stays plain http, as in the CLI (docker-modem would switch to https)', () => {
    const { modem, endpoint } = client({ DOCKER_HOST: 'tcp://[::1]:2376' })
    expect(modem).toMatchObject({ host: '::1', port: 2376, protocol: 'http' })
    expect(endpoint).toBe('tcp://[::1]:2376')
  })

  it('DOCKER_TLS_VERIFY (any value) → https with the certificates from DOCKER_CERT_PATH', () => {
    const certs = join(scratch, 'certs')
    mkdirSync(certs)
    for (const name of ['ca', 'cert', 'key']) writeFileSync(join(certs, `${name}.pem`), `${name} pem`)
    const { modem, endpoint } = client({ DOCKER_HOST: 'tcp://docker.example:2376', DOCKER_TLS_VERIFY: 'yes', DOCKER_CERT_PATH: certs })
    expect(modem).toMatchObject({ host: 'docker.example', port: 2376, protocol: 'https' })
    expect(modem.ca?.toString()).toBe('ca pem')
    expect(modem.cert?.toString()).toBe('cert pem')
    expect(modem.key?.toString()).toBe('key pem')
    expect(modem.agent).toBeUndefined()
    expect(endpoint).toBe('tcp://docker.example:2376 (TLS)')
  })

  it('DOCKER_TLS without DOCKER_TLS_VERIFY → https without certificate verification; missing cert files are skipped', () => {
    const { modem, endpoint } = client({ DOCKER_HOST: 'tcp://docker.example:2376', DOCKER_TLS: '1', DOCKER_CERT_PATH: join(scratch, 'none') })
    expect(modem.protocol).toBe('https')
    expect(modem.ca).toBeUndefined()
    expect(modem.agent).toBeInstanceOf(HttpsAgent)
    expect((modem.agent as HttpsAgent).options.rejectUnauthorized).toBe(false)
    expect(endpoint).toBe('tcp://docker.example:2376 (TLS, certificate not verified)')
  })

  it('plain http (tcp or a unix socket) goes through an agent that works out no TLS server name, keep-alive as the global agent', () => {
    for (const env of [{ DOCKER_HOST: 'tcp://10.0.0.5:2375' }, { DOCKER_HOST: 'unix:///var/run/docker.sock' }]) {
      const agent = client(env).modem.agent as HttpAgent & { options: Record<string, unknown>; keepAlive: boolean }
      expect(agent).toBeInstanceOf(HttpAgent)
      expect(agent).not.toBeInstanceOf(HttpsAgent)
      expect(agent.options.servername).toBe('')
      expect(agent.keepAlive).toBe(true)
      expect(agent.options.timeout).toBe((globalAgent as unknown as { options: Record<string, unknown> }).options.timeout)
    }
  })

  it('sets no client-wide timeout, even with DOCKER_CLIENT_TIMEOUT (it would kill idle event streams)', () => {
    expect(client({ DOCKER_HOST: 'tcp://docker.example:2375', DOCKER_CLIENT_TIMEOUT: '500' }).modem.timeout).toBeUndefined()
  })
})

describe('createDockerClient: ssh', () => {
  it('ssh://user@host:port → docker-modem ssh transport with the agent from SSH_AUTH_SOCK', () => {
    const { modem, endpoint } = client({ DOCKER_HOST: 'ssh://deploy@build.example:2222', SSH_AUTH_SOCK: '/tmp/agent.sock' })
    expect(modem).toMatchObject({ protocol: 'ssh', host: 'build.example', port: '2222', username: 'deploy' })
    expect(modem.sshOptions?.agent).toBe('/tmp/agent.sock')
    expect(modem.socketPath).toBeUndefined()
    expect(endpoint).toBe('ssh://deploy@build.example:2222')
  })

  it('ssh://host → default port and user left to ssh2', () => {
    const { modem, endpoint } = client({ DOCKER_HOST: 'ssh://build.example' })
    expect(modem).toMatchObject({ protocol: 'ssh', host: 'build.example' })
    expect(modem.port).toBeUndefined()
    expect(modem.username).toBeUndefined()
    expect(endpoint).toBe('ssh://build.example')
  })
})

describe('createDockerClient: values it cannot use throw DockerHostError, one line, before anything is sent', () => {
  // Parse-only: none of these clients is ever asked to connect.
  it('a bare word is not looked up as tcp://<word>:2375: a scheme is required, as in the Engine SDK', () => {
    expect(refusal('garbage')).toBe(
      'DOCKER_HOST=garbage has no scheme; write unix:///path/to/docker.sock, tcp://host:port or ssh://[user@]host[:port]'
    )
  })

  it('host:port and a path without a scheme are refused with the address the user most likely meant', () => {
    expect(refusal('docker.example:4243')).toBe('DOCKER_HOST=docker.example:4243 has no scheme; for TCP write tcp://docker.example:4243')
    expect(refusal('/run/podman/podman.sock')).toBe('DOCKER_HOST=/run/podman/podman.sock has no scheme; for a socket write unix:///run/podman/podman.sock')
  })

  it('ssh:// with a port that is not a number is refused, not turned into an invalid URL', () => {
    expect(refusal('ssh://user@host:port')).toBe(
      'DOCKER_HOST=ssh://user@host:port is not an SSH address (expected ssh://[user@]host[:port], the port a number)'
    )
    expect(refusal('ssh://user@host:99999')).toMatch(/^DOCKER_HOST=ssh:\/\/user@host:99999 is not an SSH address/)
  })

  it('ssh:// with a password is refused, and the password is not repeated', () => {
    const message = refusal('ssh://deploy:hunter2@build.example')
    expect(message).toBe('DOCKER_HOST=ssh://deploy:***@build.example has a password in it, which is not supported: ssh authenticates with the agent in SSH_AUTH_SOCK')
    expect(message).not.toContain('hunter2')
  })

  it.each([
    ['ssh://', 'has no host'],
    ['ssh://build.example/some/path', 'has something after the host'],
    ['http://docker.example:2375', 'has an unknown scheme "http://"'],
    ['tcp://docker.example:notaport', 'is not a TCP address'],
    ['tcp://tcp://docker.example', 'is not a TCP address'],
    ['unix://unix:///run/d.sock', 'is not a socket address'],
    ['npipe:////./pipe/docker_engine', 'names a Windows named pipe'],
    ['fd://', 'names an inherited socket']
  ])('%s → %s', (value, reason) => {
    expect(refusal(value)?.startsWith(`DOCKER_HOST=${value} ${reason}`)).toBe(true)
  })

  it('a TLS file that exists but cannot be read is refused with its path', () => {
    const certs = join(scratch, 'unreadable-certs')
    mkdirSync(join(certs, 'ca.pem'), { recursive: true })
    expect(refusal('tcp://127.0.0.1:2376', { DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: certs })).toBe(
      `cannot read the TLS file ${join(certs, 'ca.pem')} (EISDIR)`
    )
  })

  it('still accepts what the CLI accepts with a scheme: tcp:// alone is localhost:2375', () => {
    expect(refusal('tcp://')).toBeNull()
    expect(client({ DOCKER_HOST: 'tcp://' }).endpoint).toBe('tcp://localhost:2375')
  })
})

describe('createDockerClient ignores process.env when given another env', () => {
  const saved = process.env.DOCKER_HOST
  afterEach(() => {
    if (saved === undefined) delete process.env.DOCKER_HOST
    else process.env.DOCKER_HOST = saved
  })

  it('an unparsable process.env.DOCKER_HOST neither throws nor leaks, and is restored', () => {
    process.env.DOCKER_HOST = 'tcp://[not-an-address'
    const { modem } = client({ DOCKER_HOST: 'unix:///run/d.sock' })
    expect(modem.socketPath).toBe('/run/d.sock')
    expect(process.env.DOCKER_HOST).toBe('tcp://[not-an-address')
  })

  it('a tcp process.env.DOCKER_HOST does not override an injected unix one', () => {
    process.env.DOCKER_HOST = 'tcp://elsewhere.example:2376'
    const { modem } = client({})
    expect(modem).toMatchObject({ socketPath: '/var/run/docker.sock', host: undefined, protocol: 'http' })
  })
})
