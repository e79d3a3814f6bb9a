// The engine reads a one-off snapshot makes without dockerode (lean-engine-reads.ts), against the real
// daemon: the same answers and the same failures as a dockerode client without the lean seam, the same
// engine report, and the full client loaded only when asked for.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDockerClient } from '../../main/engine/docker-client'
import { describeDockerError } from '../../main/engine/docker-errors'
import { dockerodeOf } from '../../main/engine/engine-reads'
import { LeanEngineReads } from '../../main/engine/lean-engine-reads'
import { openConnections } from '../../main/engine/lean-http'
import { readEngine } from '../../main/engine/read-engine'
import { engineGet } from '../../main/engine/swarm-get'
import { TEST_IMAGE, docker as dockerCli, removeContainers, runContainer } from './support/docker'

const home = mkdtempSync(join(tmpdir(), 'glasshouse-lean-reads-'))
// An empty HOME so the default socket is /var/run/docker.sock, not a Docker Desktop one.
const plain = createDockerClient({ HOME: home, GLASSHOUSE_LEAN_HTTP: '0' })
let loads = 0
const reads = new LeanEngineReads({ socketPath: '/var/run/docker.sock' }, () => {
  loads++
  return Promise.resolve(createDockerClient({ HOME: home }).docker)
})
const CASE = `lean-reads-${process.pid}`
const started: string[] = []

beforeAll(() => {
  started.push(runContainer(`gh-lean-reads-${process.pid}`, ['--label', `glasshouse.case=${CASE}`, '--memory', '48m', '--cap-drop', 'NET_RAW']))
  started.push(runContainer(`gh-lean-reads-stopped-${process.pid}`, ['--label', `glasshouse.case=${CASE}`], ['true']))
  // Exited before the reads compare it: a container between running and exited would differ by its moment.
  dockerCli('wait', started[1] as string)
})

afterAll(() => {
  try {
    removeContainers(started)
  } finally {
    rmSync(home, { recursive: true, force: true })
  }
})

/** Fields that move with the clock or with other tests' containers. */
const VOLATILE_INFO = ['SystemTime', 'NGoroutines', 'NFd', 'NEventsListener', 'Containers', 'ContainersRunning', 'ContainersPaused', 'ContainersStopped', 'Images', 'Swarm']

function without(value: unknown, keys: string[]): Record<string, unknown> {
  const copy = { ...(value as Record<string, unknown>) }
  for (const key of keys) delete copy[key]
  return copy
}

const signal = (): AbortSignal => AbortSignal.timeout(10_000)

describe('engine reads without dockerode, on the real daemon', () => {
  it('answer info, version, the list, an inspect and the image GETs as dockerode does', async () => {
    expect(without(await reads.info({ abortSignal: signal() }), VOLATILE_INFO)).toEqual(without(await plain.docker.info(), VOLATILE_INFO))
    expect(await reads.version({ abortSignal: signal() })).toEqual(await plain.docker.version())
    const mine = (list: Array<{ Id: string; Status?: string }>): unknown[] =>
      list.filter((c) => started.includes(c.Id)).map((c) => without(c, ['Status'])).sort((a, b) => String(a.Id).localeCompare(String(b.Id)))
    const leanList = await reads.listContainers({ all: true, abortSignal: signal() })
    expect(mine(leanList)).toHaveLength(2)
    expect(mine(leanList)).toEqual(mine(await plain.docker.listContainers({ all: true })))
    for (const id of started) expect(await reads.getContainer(id).inspect({ abortSignal: signal() })).toEqual(await plain.docker.getContainer(id).inspect())
    const image = (await plain.docker.getImage(TEST_IMAGE).inspect()).Id
    for (const path of [`/images/${image}/json`, `/images/${image}/history`]) {
      expect(await engineGet(reads, path, signal())).toEqual(await engineGet(plain.docker, path, signal()))
    }
    expect(loads).toBe(0)
  })

  it('fail as dockerode fails: a missing container, an aborted read, a socket that is not there', async () => {
    const missing = 'f'.repeat(64)
    const leanError = await reads.getContainer(missing).inspect({ abortSignal: signal() }).catch((e: unknown) => e)
    const plainError = await plain.docker.getContainer(missing).inspect().catch((e: unknown) => e)
    for (const key of ['message', 'reason', 'statusCode', 'json'] as const) {
      expect((leanError as Record<string, unknown>)[key]).toEqual((plainError as Record<string, unknown>)[key])
    }
    expect(describeDockerError(leanError, 'GET x')).toBe(describeDockerError(plainError, 'GET x'))
    expect(describeDockerError(leanError, 'GET x')).toMatch(/answered HTTP 404: No such container/)

    const aborted = await reads.info({ abortSignal: AbortSignal.abort() }).catch((e: unknown) => e)
    expect((aborted as Error).name).toBe('AbortError')

    const nowhere = new LeanEngineReads({ socketPath: join(home, 'no-docker.sock') }, () => Promise.reject(new Error('not loaded')))
    const gone = await nowhere.info({ abortSignal: signal() }).catch((e: unknown) => e)
    expect((gone as NodeJS.ErrnoException).code).toBe('ENOENT')
    expect(describeDockerError(gone, 'GET /info')).toBe('ENOENT (no socket there; is the Docker daemon running?)')
  })

  it('give the same engine report as dockerode for these containers', async () => {
    const ours = (report: Awaited<ReturnType<typeof readEngine>>): unknown =>
      report.containers.filter((c) => started.includes(c.id)).sort((a, b) => a.id.localeCompare(b.id))
    const [lean, full] = await Promise.all([readEngine(reads, 'unix:///var/run/docker.sock'), readEngine(plain.docker, 'unix:///var/run/docker.sock')])
    expect(lean.state).toEqual(full.state)
    expect(ours(lean)).toEqual(ours(full))
    expect(JSON.stringify(ours(lean))).toContain('NET_RAW')
    expect(loads).toBe(0)
  })

  it('leave an idle connection unref()ed: a finished snapshot does not wait for it to close', async () => {
    const refed = (): number => process.getActiveResourcesInfo().filter((r) => r === 'PipeWrap').length
    await reads.version({ abortSignal: signal() })
    const before = refed()
    // A two-sample stats read keeps its connection busy for about a second (kernel-facts §6.2).
    const stats = new Promise((resolve, reject) =>
      reads.modem.dial(
        { path: `/containers/${started[0]}/stats?`, method: 'GET', options: { stream: false }, statusCodes: { 200: true } },
        (error, data) => (error ? reject(error) : resolve(data))
      )
    )
    await new Promise((resolve) => setTimeout(resolve, 100))
    const during = refed()
    expect(await stats).toHaveProperty('cpu_stats')
    expect(openConnections({ socketPath: '/var/run/docker.sock' })).toBeGreaterThan(0)
    expect(during).toBe(before + 1)
    expect(refed()).toBe(before)
  })

  it('load the full client once, when something else is asked', async () => {
    const first = await dockerodeOf(reads)
    expect(await dockerodeOf(reads)).toBe(first)
    expect(loads).toBe(1)
    expect((await first.getContainer(started[0] as string).inspect()).Id).toBe(started[0])
    expect(await dockerodeOf(plain.docker)).toBe(plain.docker)
  })
})
