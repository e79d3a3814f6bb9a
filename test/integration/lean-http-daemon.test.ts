// The lean HTTP seam against the real daemon: a client from createDockerClient answers what the
// same client without the seam (GLASSHOUSE_LEAN_HTTP=0, plain docker-modem) answers, fails the
// same way, and still streams and POSTs through docker-modem.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Readable } from 'node:stream'
import type Docker from 'dockerode'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDockerClient } from '../../main/engine/docker-client'
import { describeDockerError } from '../../main/engine/docker-errors'
import { openConnections } from '../../main/engine/lean-http'
import { TEST_IMAGE, removeContainers, runContainer, testLabels } from './support/docker'

const home = mkdtempSync(join(tmpdir(), 'glasshouse-lean-http-'))
// An empty HOME so the default socket is /var/run/docker.sock, not a Docker Desktop one.
const lean = createDockerClient({ HOME: home }).docker
const plain = createDockerClient({ HOME: home, GLASSHOUSE_LEAN_HTTP: '0' }).docker
const CASE = `lean-http-${process.pid}`
const started: string[] = []
let id: string

beforeAll(() => {
  id = runContainer(`gh-lean-http-${process.pid}`, ['--label', `glasshouse.case=${CASE}`, '--memory', '32m'])
  started.push(id)
})

afterAll(() => {
  try {
    removeContainers(started)
  } finally {
    rmSync(home, { recursive: true, force: true })
  }
})

/** Fields of GET /info that change from one moment to the next, or when another test's containers come and go. */
const VOLATILE_INFO = ['SystemTime', 'NGoroutines', 'NFd', 'NEventsListener', 'Containers', 'ContainersRunning', 'ContainersPaused', 'ContainersStopped', 'Images', 'Swarm']

function without(value: unknown, keys: string[]): Record<string, unknown> {
  const copy = { ...(value as Record<string, unknown>) }
  for (const key of keys) delete copy[key]
  return copy
}

const mine = { all: true, filters: { label: [`glasshouse.case=${CASE}`] } }

describe('lean HTTP seam on the real daemon', () => {
  it('answers info, version, the container list and an inspect as docker-modem does', async () => {
    const [leanInfo, plainInfo] = await Promise.all([lean.info(), plain.info()])
    expect(Object.keys(leanInfo).sort()).toEqual(Object.keys(plainInfo).sort())
    expect(without(leanInfo, VOLATILE_INFO)).toEqual(without(plainInfo, VOLATILE_INFO))
    expect(await lean.version()).toEqual(await plain.version())

    // Status ("Up 2 seconds") moves with the clock.
    const [leanList, plainList] = await Promise.all([lean.listContainers(mine), plain.listContainers(mine)])
    expect(leanList.map((c) => c.Id)).toEqual([id])
    expect(leanList.map((c) => without(c, ['Status']))).toEqual(plainList.map((c) => without(c, ['Status'])))

    expect(await lean.getContainer(id).inspect()).toEqual(await plain.getContainer(id).inspect())
    expect(await lean.getImage(TEST_IMAGE).inspect()).toEqual(await plain.getImage(TEST_IMAGE).inspect())
  })

  it('answers a non-JSON body (logs, not followed) with the same bytes', async () => {
    const talker = runContainer(`gh-lean-http-logs-${process.pid}`, [], ['sh', '-c', 'echo lean; echo http >&2; sleep 3600'])
    started.push(talker)
    const logs = (client: Docker): Promise<Buffer> => client.getContainer(talker).logs({ stdout: true, stderr: true, tail: 20 }) as unknown as Promise<Buffer>
    // The lines appear once the shell has run: two frames of an 8-byte header and a line each.
    for (let tries = 0; (await logs(plain)).length < 2 * 8 + 'lean\nhttp\n'.length; tries++) {
      if (tries > 100) throw new Error('the container wrote no logs')
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
    const [leanLogs, plainLogs] = await Promise.all([logs(lean), logs(plain)])
    expect(Buffer.isBuffer(leanLogs)).toBe(true)
    expect(leanLogs.equals(plainLogs)).toBe(true)
  })

  it('rejects the inspect of a missing container with the same statusCode, json, message and description', async () => {
    const missing = `gh-lean-http-missing-${process.pid}`
    type ModemError = Error & { statusCode: number; json: unknown; reason: string }
    const failure = (client: Docker): Promise<ModemError> =>
      client.getContainer(missing).inspect().then(
        () => Promise.reject(new Error('inspect answered')),
        (e: unknown) => e as ModemError
      )
    const [leanError, plainError] = await Promise.all([failure(lean), failure(plain)])
    expect(leanError.statusCode).toBe(404)
    expect({ message: leanError.message, statusCode: leanError.statusCode, json: leanError.json, reason: leanError.reason }).toEqual({
      message: plainError.message,
      statusCode: plainError.statusCode,
      json: plainError.json,
      reason: plainError.reason
    })
    const what = `GET /containers/${missing}/json`
    expect(describeDockerError(leanError, what)).toBe(describeDockerError(plainError, what))
  })

  it('rejects with AbortError when the signal is aborted, before or during the request', async () => {
    await expect(lean.info({ abortSignal: AbortSignal.abort() } as never)).rejects.toMatchObject({ name: 'AbortError' })
    // A two-sample stats read takes the daemon about a second (kernel-facts §6.2): aborted while it waits.
    const controller = new AbortController()
    const pending = lean.getContainer(id).stats({ stream: false, abortSignal: controller.signal } as never)
    setTimeout(() => controller.abort(), 50)
    await expect(pending).rejects.toMatchObject({ name: 'AbortError', code: 'ABORT_ERR' })
  })

  it('gives ENOENT for a socket that does not exist, described as before', async () => {
    const path = join(home, 'no-such-docker.sock')
    const answer = (env: NodeJS.ProcessEnv): Promise<unknown> =>
      createDockerClient({ HOME: home, DOCKER_HOST: `unix://${path}`, ...env }).docker.info().catch((e: unknown) => e)
    const [leanError, plainError] = await Promise.all([answer({}), answer({ GLASSHOUSE_LEAN_HTTP: '0' })])
    expect(leanError).toMatchObject({ code: 'ENOENT', syscall: 'connect', address: path })
    expect(describeDockerError(leanError, 'GET /info')).toBe(describeDockerError(plainError, 'GET /info'))
    expect(describeDockerError(leanError, 'GET /info')).toBe('ENOENT (no socket there; is the Docker daemon running?)')
  })

  it('leaves an idle connection unref()ed: it does not keep the process alive', async () => {
    const refed = (): number => process.getActiveResourcesInfo().filter((r) => r === 'PipeWrap').length
    await lean.version()
    const before = refed()
    // A two-sample stats read keeps its connection busy for about a second (kernel-facts §6.2).
    const pending = lean.getContainer(id).stats({ stream: false })
    await new Promise((resolve) => setTimeout(resolve, 100))
    const during = refed()
    await pending
    expect(openConnections({ socketPath: '/var/run/docker.sock' })).toBeGreaterThan(0)
    expect(during).toBe(before + 1)
    expect(refed()).toBe(before)
  })

  it('still streams (events) and POSTs through docker-modem on the same client', async () => {
    const name = `gh-lean-http-post-${process.pid}`
    const events = (await lean.getEvents({ filters: { label: [`glasshouse.case=${CASE}-post`], event: ['start'] } })) as unknown as Readable
    let container: Docker.Container | undefined
    try {
      container = await lean.createContainer({ name, Image: TEST_IMAGE, Cmd: ['sleep', '600'], Labels: { ...testLabels(), 'glasshouse.case': `${CASE}-post` } })
      started.push(container.id)
      const seen = new Promise<Record<string, unknown>>((resolve) => {
        let buffer = ''
        events.on('data', (chunk: Buffer) => {
          buffer += chunk.toString()
          const line = buffer.split('\n').find((l) => l.includes(container!.id))
          if (line) resolve(JSON.parse(line) as Record<string, unknown>)
        })
      })
      await container.start()
      expect(await seen).toMatchObject({ Type: 'container', Action: 'start', id: container.id })
      expect((await lean.getContainer(container.id).inspect()).State.Running).toBe(true)
    } finally {
      events.destroy()
      await container?.remove({ force: true })
    }
    await expect(lean.getContainer(name).inspect()).rejects.toMatchObject({ statusCode: 404 })
  })
})
