// watchEngineEvents on the real daemon (Docker 20.10, API 1.41): a container's life as events,
// with the ids, names and attributes the daemon reports, and timeNano compared digit for digit
// with what the docker CLI (Go, no rounding) prints for the same events.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDockerClient } from '../../main/engine/docker-client'
import { engineEventKind, watchEngineEvents, type EngineEventWatch } from '../../main/engine/engine-events'
import type { DockerEvent } from '../../main/engine/event-lines'
import { TEST_IMAGE, testLabels, docker as dockerCli, removeContainers, runContainer } from './support/docker'

const home = mkdtempSync(join(tmpdir(), 'glasshouse-engine-events-'))
// An empty HOME so the default socket is /var/run/docker.sock, not a Docker Desktop one.
const { docker, endpoint } = createDockerClient({ HOME: home })
const name = `gh-events-${process.pid}`
const started: string[] = []
const events: DockerEvent[] = []
const states: Array<[string, string?]> = []
const badLines: string[] = []
let resyncs = 0
let watch: EngineEventWatch | undefined
let since = 0

async function waitFor(what: string, predicate: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`no ${what} within ${timeoutMs} ms; saw ${events.map((e) => e.action).join(', ')}`)
    await new Promise((r) => setTimeout(r, 10))
  }
}

const mine = (action: string): DockerEvent[] => events.filter((e) => e.id === started[0] && e.action === action)

beforeAll(async () => {
  since = Math.floor(Date.now() / 1000)
  watch = watchEngineEvents(docker, endpoint, {
    onEvent: (e) => events.push(e),
    onState: (state, reason) => states.push(reason === undefined ? [state] : [state, reason]),
    onResync: () => resyncs++,
    onBadLine: (reason) => badLines.push(reason)
  })
  await waitFor('connection', () => states.length > 0, 5_000)
}, 30_000)

afterAll(async () => {
  try {
    await watch?.stop()
  } finally {
    removeContainers(started)
    rmSync(home, { recursive: true, force: true })
  }
}, 60_000)

describe('watchEngineEvents on the real daemon', () => {
  it('connects once, without a resync', () => {
    expect(states).toEqual([['connected']])
    expect(resyncs).toBe(0)
  })

  it('sees create and start with the id, name, image and labels within a second of docker run', async () => {
    // --network none: no network endpoint to set up (and none to depend on).
    started.push(runContainer(name, ['--network', 'none', '--label', 'glasshouse.case=engine-events']))
    const id = started[0] as string
    const ran = Date.now()
    await waitFor('create and start', () => mine('create').length === 1 && mine('start').length === 1, 1_000)
    expect(Date.now() - ran).toBeLessThan(1_000)
    const create = mine('create')[0]
    const start = mine('start')[0]
    for (const e of [create, start]) {
      expect(e).toMatchObject({ type: 'container', id, name, image: TEST_IMAGE, detail: null })
      expect(e?.attributes).toMatchObject({ ...testLabels(), 'glasshouse.case': 'engine-events', name, image: TEST_IMAGE })
    }
    expect(BigInt(create!.timeNano) < BigInt(start!.timeNano)).toBe(true)
    expect(events.indexOf(create!)).toBeLessThan(events.indexOf(start!))
    expect(engineEventKind(create!.action)).toBe('container-create')
    expect(engineEventKind(start!.action)).toBe('container-start')
    // The event times are this run's, to the millisecond.
    const at = Date.parse(start!.at)
    expect(at).toBeGreaterThanOrEqual(since * 1000)
    expect(at).toBeLessThanOrEqual(Date.now())
  })

  it('sees an exec with its command and exit code', async () => {
    const id = started[0] as string
    dockerCli('exec', id, 'sh', '-c', 'exit 0')
    await waitFor('exec_die', () => mine('exec_die').length === 1, 2_000)
    expect(mine('exec_create')[0]?.detail).toBe('sh -c exit 0')
    expect(mine('exec_start')[0]).toMatchObject({ detail: 'sh -c exit 0', name })
    expect(engineEventKind(`exec_start: sh -c exit 0`)).toBe('container-exec')
    const execId = mine('exec_start')[0]?.attributes.execID
    expect(execId).toMatch(/^[0-9a-f]{64}$/)
    expect(mine('exec_die')[0]?.attributes).toMatchObject({ execID: execId, exitCode: '0' })
  })

  it('sees docker stop as kill (SIGTERM, then SIGKILL: sleep as PID 1 ignores SIGTERM), die with exitCode 137, stop', async () => {
    const id = started[0] as string
    dockerCli('stop', '-t', '1', id)
    await waitFor('stop', () => mine('stop').length === 1, 5_000)
    expect(mine('kill').map((e) => e.attributes.signal)).toEqual(['15', '9'])
    expect(mine('die')).toHaveLength(1)
    expect(mine('die')[0]?.attributes.exitCode).toBe('137')
    expect(engineEventKind('die')).toBe('container-die')
    const order = events.filter((e) => e.id === id).map((e) => e.action)
    expect(order.slice(order.indexOf('kill'))).toEqual(['kill', 'kill', 'die', 'stop'])
  })

  it('has every timeNano digit the docker CLI prints for the same events', () => {
    const id = started[0] as string
    const until = Math.ceil(Date.now() / 1000)
    const cli = dockerCli('events', '--since', String(since), '--until', String(until), '--filter', `container=${id}`, '--format', '{{.Action}} {{.TimeNano}}')
    const ours = events.filter((e) => e.id === id).map((e) => `${e.action}${e.detail === null ? '' : `: ${e.detail}`} ${e.timeNano}`)
    expect(ours.join('\n')).toBe(cli)
    // And the stream stayed up throughout, with nothing unreadable on it.
    expect(states).toEqual([['connected']])
    expect(badLines).toEqual([])
  })
})
