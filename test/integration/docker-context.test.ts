// A daemon reached through a docker CLI context: a private dockerd listening on tcp://127.0.0.1
// (loopback only), a context made for it by the real docker CLI, and the built `glasshouse`
// finding it the way `docker` does (config.json's current context, DOCKER_CONTEXT, --context).
import { execFile, execFileSync, execSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { HostSnapshot } from '../../shared/model'
import { CLI, glasshouse, snapshotJson } from './support/cli'
import { TEST_IMAGE, TEST_LABEL, testRun } from './support/docker'
import { freeLoopbackPort } from './support/loopback-port'
import { startPrivateDaemon, type PrivateDaemon } from './support/private-daemon'

const CONTEXT = 'gh-loopback-tcp'
const NAME = `gh-context-${process.pid}`
const configDir = mkdtempSync(join(tmpdir(), 'gh-docker-config-'))
let daemon: PrivateDaemon | undefined
let port = 0

/** The environment of a user with nothing but a docker config dir: no DOCKER_HOST, no DOCKER_CONTEXT. */
function userEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const { DOCKER_HOST: _host, DOCKER_CONTEXT: _context, ...env } = process.env
  return { ...env, DOCKER_CONFIG: configDir, ...extra }
}


function expectPrivateDaemon(snapshot: HostSnapshot): void {
  expect(snapshot.engine.reachable).toBe(true)
  expect(snapshot.engine.endpoint).toBe(`tcp://127.0.0.1:${port} (docker context "${CONTEXT}")`)
  // Only the private daemon knows this container; the shared daemon does not.
  expect(snapshot.containers.map((c) => c.name)).toContain(NAME)
}

beforeAll(async () => {
  port = await freeLoopbackPort()
  daemon = await startPrivateDaemon({ tcpPort: port })
  execSync(`docker save ${TEST_IMAGE} | docker -H ${daemon.host} load`, { stdio: 'ignore' })
  daemon.docker('run', '-d', '--network', 'none', '--name', NAME, '--label', `${TEST_LABEL}=${testRun()}`, TEST_IMAGE, 'sleep', '3600')
  const docker = (...args: string[]): string => execFileSync('docker', args, { env: userEnv(), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
  docker('context', 'create', CONTEXT, '--docker', `host=${daemon.tcpHost}`)
}, 90_000)

afterAll(async () => {
  await daemon?.destroy()
  rmSync(configDir, { recursive: true, force: true })
}, 60_000)

describe('a tcp daemon on loopback through a docker context', () => {
  it('the docker CLI itself reaches the private daemon through the context', () => {
    const names = execFileSync('docker', ['--context', CONTEXT, 'ps', '--format', '{{.Names}}'], { env: userEnv(), encoding: 'utf8' })
    expect(names.split('\n')).toContain(NAME)
  })

  it('--context: snapshot --json reaches that daemon and says how it was chosen', async () => {
    const snapshot = await snapshotJson(['--context', CONTEXT], userEnv())
    expectPrivateDaemon(snapshot)
    expect(snapshot.engine.endpointOrigin).toEqual({ host: `tcp://127.0.0.1:${port}`, source: 'context', context: CONTEXT })
  }, 60_000)

  it('DOCKER_CONTEXT, and the current context set by docker context use', async () => {
    expectPrivateDaemon(await snapshotJson([], userEnv({ DOCKER_CONTEXT: CONTEXT })))
    execFileSync('docker', ['context', 'use', CONTEXT], { env: userEnv(), stdio: 'ignore' })
    expectPrivateDaemon(await snapshotJson([], userEnv()))
    // The text summary names the context in its header.
    const { stdout } = await glasshouse(['snapshot'], userEnv())
    expect(stdout).toContain(`at tcp://127.0.0.1:${port} (docker context "${CONTEXT}")`)
    // DOCKER_HOST still wins over the current context, as in the docker CLI.
    const shared = await snapshotJson([], userEnv({ DOCKER_HOST: 'unix:///var/run/docker.sock' }))
    expect(shared.engine.endpointOrigin).toEqual({ host: 'unix:///var/run/docker.sock', source: 'DOCKER_HOST' })
    expect(shared.containers.map((c) => c.name)).not.toContain(NAME)
  }, 90_000)

  it('a context that does not exist: one line on stderr, exit 2, nothing on stdout', async () => {
    const run = promisify(execFile)
    const failure = await run(process.execPath, [CLI, 'snapshot', '--json', '--context', 'no-such-context'], { env: userEnv() }).then(
      () => null,
      (error: { code: number; stdout: string; stderr: string }) => error
    )
    expect(failure?.code).toBe(2)
    expect(failure?.stdout).toBe('')
    expect(failure?.stderr).toMatch(/^glasshouse: docker context "no-such-context" does not exist \(no .*\/meta\.json; see docker context ls\)\n$/)
  })
})
