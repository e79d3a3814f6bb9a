// The context reader against the real docker CLI: contexts made by `docker context create` and
// chosen with `docker context use` must read back as the CLI itself reports them.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDockerClient } from '../../main/engine/docker-client'
import { currentContextName, readContext } from '../../main/engine/docker-context'

const scratch = mkdtempSync(join(tmpdir(), 'glasshouse-docker-context-'))
const configDir = join(scratch, 'config')
const env = { ...process.env, DOCKER_CONFIG: configDir }

function docker(...args: string[]): string {
  return execFileSync('docker', args, { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim()
}

/** What `docker context inspect` says about a context's docker endpoint and TLS files. */
function inspected(name: string): { host: string; skipTlsVerify: boolean; tlsFiles: string[] } {
  const [context] = JSON.parse(docker('context', 'inspect', name)) as [{
    Endpoints: { docker: { Host: string; SkipTLSVerify: boolean } }
    TLSMaterial: Record<string, string[]> | null
    Storage: { TLSPath: string }
  }]
  return {
    host: context.Endpoints.docker.Host,
    skipTlsVerify: context.Endpoints.docker.SkipTLSVerify,
    tlsFiles: (context.TLSMaterial?.docker ?? []).map((file) => join(context.Storage.TLSPath, 'docker', file)).sort()
  }
}

beforeAll(() => {
  // A throwaway certificate: the CLI checks that the files it stores are PEM.
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=glasshouse-test',
    '-keyout', join(scratch, 'key.pem'), '-out', join(scratch, 'cert.pem')], { stdio: 'ignore' })
  docker('context', 'create', 'plain-socket', '--docker', 'host=unix:///run/glasshouse-test.sock', '--description', 'a socket')
  docker('context', 'create', 'tls-remote', '--docker',
    `host=tcp://127.0.0.1:2376,ca=${join(scratch, 'cert.pem')},cert=${join(scratch, 'cert.pem')},key=${join(scratch, 'key.pem')}`)
  docker('context', 'create', 'no-verify', '--docker', 'host=tcp://127.0.0.1:2377,skip-tls-verify=true')
})

afterAll(() => rmSync(scratch, { recursive: true, force: true }))

describe('contexts written by the docker CLI', () => {
  it.each(['plain-socket', 'tls-remote', 'no-verify'])('%s reads back as docker context inspect reports it', (name) => {
    const cli = inspected(name)
    const ours = readContext(configDir, name)
    expect(ours.host).toBe(cli.host)
    expect(ours.skipTlsVerify).toBe(cli.skipTlsVerify)
    expect(Object.values(ours.tls).sort()).toEqual(cli.tlsFiles)
  })

  it('the TLS files read are the ones given to docker context create', () => {
    const { tls } = readContext(configDir, 'tls-remote')
    expect(readFileSync(tls.key ?? '')).toEqual(readFileSync(join(scratch, 'key.pem')))
    expect(readFileSync(tls.ca ?? '')).toEqual(readFileSync(join(scratch, 'cert.pem')))
  })

  it('docker context use sets the context the client then chooses', () => {
    expect(currentContextName(configDir)).toBeNull()
    docker('context', 'use', 'tls-remote')
    expect(currentContextName(configDir)).toBe('tls-remote')
    const client = createDockerClient({ HOME: scratch, DOCKER_CONFIG: configDir })
    expect(client.origin).toEqual({ host: 'tcp://127.0.0.1:2376', source: 'context', context: 'tls-remote' })
    expect(client.endpoint).toBe('tcp://127.0.0.1:2376 (TLS, docker context "tls-remote")')
    docker('context', 'use', 'default')
    expect(createDockerClient({ HOME: scratch, DOCKER_CONFIG: configDir }).origin.source).toBe('default')
  })
})
