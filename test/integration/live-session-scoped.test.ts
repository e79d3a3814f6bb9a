// The live session's refreshes for Docker events, on the real daemon: each inspects only the containers
// the events named and reuses every other container's engine data and kernel view. What the patches
// carry must be what a whole read shows, through a container's whole life, and another container's
// event must not ask the daemon about ours (counted by a thin wrapper around the real client).
// Other helpers' containers come and go on this host: only our own labelled containers are asserted on.
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import type Docker from 'dockerode'
import type { LiveMessage, SampleMessage } from '../../shared/live'
import type { CgroupInfo, ContainerInfo, HostSnapshot } from '../../shared/model'
import { applyPatch } from '../../shared/snapshot-patch'
import { createDockerClient } from '../../main/engine/docker-client'
import { InProcessKernelSource } from '../../main/kernel/in-process-source'
import type { KernelRequest, KernelSource } from '../../main/kernel/kernel-source'
import { LiveSession } from '../../main/live/live-session'
import { takeSnapshot } from '../../main/model/take-snapshot'
import { docker, removeContainers, runContainer } from './support/docker'
import { jsonWire } from './support/json-wire-source'
import { waitFor } from './support/wait-for'

const started: string[] = []
const sessions: LiveSession[] = []
afterEach(async () => {
  for (const session of sessions.splice(0)) await session.stop()
})
afterAll(() => removeContainers(started))

const MiB = 2 ** 20
/** readEngine's deadline (DEFAULT_ENGINE_TIMEOUT_MS) and a second of slack. */
const WHOLE_READ_DEADLINE_MS = 6000
const tag = `${process.pid}-${Date.now() % 100000}`

function run(name: string): string {
  const id = runContainer(`${name}-${tag}`, ['--network', 'none'])
  started.push(id)
  return id
}

/** The real client, with every inspect counted by container id and the start of every whole read (GET /info) noted. */
function countingClient(): { client: ReturnType<typeof createDockerClient>; inspects: Map<string, number>; wholeReads: number[] } {
  const client = createDockerClient()
  const inspects = new Map<string, number>()
  const wholeReads: number[] = []
  const real = client.docker
  const getContainer = real.getContainer.bind(real)
  real.getContainer = (id: string): Docker.Container => {
    const container = getContainer(id)
    const inspect = container.inspect.bind(container) as (options?: object) => Promise<Docker.ContainerInspectInfo>
    container.inspect = ((options?: object) => {
      inspects.set(id, (inspects.get(id) ?? 0) + 1)
      return inspect(options)
    }) as typeof container.inspect
    return container
  }
  const info = real.info.bind(real) as (options?: object) => Promise<unknown>
  real.info = ((options?: object) => {
    wholeReads.push(Date.now())
    return info(options)
  }) as typeof real.info
  return { client, inspects, wholeReads }
}

/** A session that refreshes only for Docker events (the slow timer is an hour away), and what its messages built. */
async function watched(client: ReturnType<typeof createDockerClient>, kernel: KernelSource = new InProcessKernelSource()) {
  const messages: LiveMessage[] = []
  let view: HostSnapshot | null = null
  const session = new LiveSession({
    kernel,
    engine: client,
    intervalMs: 250,
    structureEveryMs: 3_600_000,
    onMessage: (m) => {
      messages.push(m)
      if (m.type === 'snapshot') view = m.snapshot
      if (m.type === 'patch' && view) view = applyPatch(view, m.patch)
    }
  })
  sessions.push(session)
  await session.start()
  return { session, messages, view: (): HostSnapshot => view as unknown as HostSnapshot }
}

/** Waits until the event stream is heard: an exec in a container of ours comes back as an event. */
async function listening(messages: LiveMessage[], id: string): Promise<void> {
  await waitFor(() => {
    docker('exec', id, 'true')
    return messages.find((m) => m.type === 'event' && m.containerId === id && m.kind === 'container-exec')
  }, 'the event stream')
}

/**
 * Running as Docker says it: a refresh between the container's start and its events finds it by its
 * cgroup alone (source 'cgroup', no name), whole reads too; its events' refresh then names it.
 */
function isRunningByDocker(c: ContainerInfo | undefined): boolean {
  return c?.source === 'engine' && c.state === 'running' && c.processes.length > 0
}

/** A container and its cgroup as a snapshot shows them, counters aside (patches do not carry counters). */
function structureOf(snapshot: HostSnapshot, id: string): { container: ContainerInfo | null; cgroup: CgroupInfo | null } {
  const container = snapshot.containers.find((c) => c.id === id)
  const cgroup = snapshot.cgroups.find((g) => g.path === container?.cgroupPath)
  return {
    // Tags aside too: other test runs import the shared test image again at any moment, which moves its tag.
    container: container ? { ...container, usage: null, ...(container.imageDetails ? { imageDetails: { ...container.imageDetails, tags: [] } } : {}) } : null,
    cgroup: cgroup ? { ...cgroup, usage: { ...cgroup.usage, memoryBytes: null, memoryWorkingSetBytes: null, cpuSeconds: null, memoryBreakdown: null } } : null
  }
}

describe('a live session refreshed by Docker events', () => {
  it('follows a container through run, rename, pause, unpause, update --memory, stop and rm as a whole read shows it', async () => {
    const anchor = run('gh-scoped-anchor')
    const { client } = countingClient()
    const { messages, view } = await watched(client)
    await listening(messages, anchor)
    const whole = async (): Promise<HostSnapshot> => takeSnapshot({ engine: client })
    // After each step: the patches show the change, and our container as the patches built it is what a whole read shows.
    const step = async (what: string, act: () => void, shows: (c: ContainerInfo | undefined) => boolean): Promise<void> => {
      act()
      await waitFor(() => (shows(view().containers.find((c) => c.id === id)) ? true : undefined), what)
      expect(structureOf(view(), id), what).toEqual(structureOf(await whole(), id))
    }

    let id = ''
    await step('the container running', () => (id = run('gh-scoped-life')), isRunningByDocker)
    await step('the new name', () => docker('rename', `gh-scoped-life-${tag}`, `gh-scoped-renamed-${tag}`), (c) => c?.name === `gh-scoped-renamed-${tag}`)
    await step('paused', () => docker('pause', id), (c) => c?.state === 'paused')
    await step('running again', () => docker('unpause', id), isRunningByDocker)
    // Waited for on Docker's side (the inspect): the cgroup's limit must have come in the same patch.
    await step('the new memory limit', () => docker('update', '--memory', '64m', '--memory-swap', '128m', id), (c) => c?.declared?.resources.memoryBytes === 64 * MiB)
    // The sampler reads the new limit too (it reads again the limits of the containers a refresh read again).
    await waitFor(
      () => (messages.filter((m): m is SampleMessage => m.type === 'sample').at(-1)?.containers.find((c) => c.id === id)?.memory.limitBytes === 64 * MiB ? true : undefined),
      'the 64 MiB limit in a sample'
    )
    await step('stopped', () => docker('stop', '-t', '0', id), (c) => c?.state === 'exited')
    docker('rm', id)
    await waitFor(() => (view().containers.some((c) => c.id === id) ? undefined : true), 'the container removed')
    expect(structureOf(await whole(), id)).toEqual({ container: null, cgroup: null })
  })

  it("does not inspect a container or read its cgroup again for another container's event", async () => {
    const ours = run('gh-scoped-ours')
    const { client, inspects, wholeReads } = countingClient()
    const requests: KernelRequest[] = []
    const wire = jsonWire(new InProcessKernelSource())
    const report = wire.report
    wire.report = (request) => {
      requests.push(request)
      return report(request)
    }
    const { messages, view } = await watched(client, wire)
    await listening(messages, ours)
    // Other tests may ask for a whole read now and then (a swarm event, the daemon's socket moved away and
    // back, the engine stream reconnecting), and one can still be inspecting up to its deadline (5 s) later:
    // a window with one in it, or begun less than that before it, proves nothing, so another is tried.
    const lastWholeRead = (): number => wholeReads.at(-1) ?? 0
    for (let attempt = 1; ; attempt++) {
      // Past the refreshes the exec's events asked for, and any whole read's deadline.
      await new Promise((resolve) => setTimeout(resolve, 1000))
      await waitFor(() => (Date.now() - lastWholeRead() > WHOLE_READ_DEADLINE_MS ? true : undefined), 'a moment without whole reads', 60_000)
      inspects.clear()
      requests.length = 0
      const windowFrom = Date.now()
      const other = run(`gh-scoped-other-${attempt}`)
      await waitFor(() => (isRunningByDocker(view().containers.find((c) => c.id === other)) ? true : undefined), 'the other container running')
      if (lastWholeRead() >= windowFrom - WHOLE_READ_DEADLINE_MS && attempt < 5) continue
      expect(lastWholeRead()).toBeLessThan(windowFrom - WHOLE_READ_DEADLINE_MS)
      expect(inspects.get(other)).toBeGreaterThan(0)
      expect(inspects.get(ours) ?? 0).toBe(0)
      // The kernel side was told to keep our container's cgroup and mounts, and to read the other's.
      const scoped = requests.filter((r) => r.unchangedContainers !== undefined)
      for (const r of scoped) expect(r.unchangedContainers).toContain(ours)
      expect(scoped.some((r) => r.containers.some((c) => c.id === other) && !r.unchangedContainers?.includes(other))).toBe(true)
      break
    }
  })
})
