// A stopped, OOM-killed container: the page gives its post-mortem and the last limit events, the
// sidebar a badge, and its charts call the last value "at exit", not "now".
import { screen, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import type { LiveEvent } from '../../../shared/live'
import { ContainerList } from '../../../renderer/components/container-list'
import { Sparklines } from '../../../renderer/views/cgroups/sparklines'
import { ContainerPage } from '../../../renderer/views/container/container-page'
import { containerId, variedSnapshot } from '../support/fixture'
import { renderWithStore, storeWith } from '../support/render-app'

function oomKilledStore() {
  const snapshot = variedSnapshot()
  const old = snapshot.containers.find((c) => c.name === 'old-job')!
  old.exit = { exitCode: 137, oomKilled: true, finishedAt: '2026-12-03T20:51:46.51108552Z', error: null }
  old.restartCount = 1
  const web = snapshot.containers.find((c) => c.name === 'web')!
  web.exit = null
  const store = storeWith(snapshot)
  store.getState().selectContainer(old.id)
  return { store, snapshot, id: old.id }
}

const oomEvent = (containerId: string, at: string): LiveEvent => ({
  type: 'event',
  kind: 'oom-kill',
  containerId,
  containerName: 'old-job',
  at,
  message: 'the kernel killed a process at the 16 MiB memory limit (1 OOM kill)',
  detail: {}
})

describe('post-mortem of an exited container', () => {
  it('the page says how it ended: exit code, OOM-killed, finish time, restarts, and the last limit events', () => {
    const { store, id } = oomKilledStore()
    store.setState({ events: [oomEvent(id, '2026-12-03T20:51:45.9Z'), oomEvent('x'.repeat(64), '2026-12-03T20:51:45.9Z')] })
    renderWithStore(<ContainerPage />, store)
    const panel = screen.getByRole('region', { name: 'How it ended' })
    expect(panel).toHaveTextContent('▲ OOM-killed: the kernel killed it at its memory limit.')
    expect(within(panel).getByRole('row', { name: /exit code 137 \(killed by signal 9 \(SIGKILL\)\)/ })).toBeInTheDocument()
    expect(within(panel).getByRole('row', { name: /OOM-killed yes/ })).toBeInTheDocument()
    expect(within(panel).getByRole('row', { name: /finished .*2026-12-03T20:51:46.51108552Z/ })).toBeInTheDocument()
    expect(within(panel).getByRole('row', { name: 'restarts 1' })).toBeInTheDocument()
    // Only this container's events.
    expect(within(panel).getAllByRole('listitem')).toHaveLength(1)
    expect(panel).toHaveTextContent('OOM kill — the kernel killed a process at the 16 MiB memory limit')
  })

  it('a running container has no post-mortem panel', () => {
    const { store, snapshot } = oomKilledStore()
    store.getState().selectContainer(containerId(snapshot, 'web'))
    renderWithStore(<ContainerPage />, store)
    expect(screen.queryByRole('region', { name: 'How it ended' })).toBeNull()
  })

  it('the sidebar marks it OOM-killed, and only it', () => {
    const { store } = oomKilledStore()
    renderWithStore(<ContainerList />, store)
    const badges = screen.getAllByText('OOM-killed')
    expect(badges).toHaveLength(1)
    expect(badges[0]?.closest('[role="option"]')).toHaveTextContent('old-job')
    expect(badges[0]?.getAttribute('title')).toBe('The kernel killed it at its memory limit (exit 137) after 1 restart.')
  })

  it('its charts show the last value "at exit", never "now"', () => {
    const { store, snapshot, id } = oomKilledStore()
    const point = (at: string, memoryBytes: number) => ({
      at,
      t: Date.parse(at),
      cpuCores: 0.1,
      memoryBytes,
      workingSetBytes: memoryBytes,
      pids: 2,
      throttledShare: null,
      memoryLimitBytes: 16 * 2 ** 20,
      cpuQuotaCores: null,
      pidsMax: null
    })
    // The sample after the exit reads nothing: the cgroup is gone (as seen on the real host).
    const afterExit = { ...point('2026-12-03T20:51:47Z', 0), cpuCores: null, memoryBytes: null, workingSetBytes: null, pids: null, memoryLimitBytes: null }
    store.setState({ series: { [id]: [point('2026-12-03T20:51:45Z', 8 * 2 ** 20), point('2026-12-03T20:51:46Z', 63 * 2 ** 20), afterExit] } })
    const old = snapshot.containers.find((c) => c.id === id)!
    const { container } = renderWithStore(<Sparklines container={old} />, store)
    expect(container.textContent).toContain('memory (usage; working set darker): at exit 63 MiB · limit 16 MiB')
    expect(container.textContent).toContain('processes (pids): at exit 2')
    expect(container.textContent).not.toMatch(/\bnow\b/)
  })
})

describe('post-mortem: the process the OOM killer chose (kernel log)', () => {
  const kill = {
    at: '2026-12-03T20:51:46.2Z',
    seq: 4310,
    hostPid: 12345,
    pidInside: null,
    comm: 'tail',
    anonRssBytes: 16_567_500,
    fileRssBytes: 1_294_336,
    shmemRssBytes: 0,
    totalVmBytes: 18_620_416,
    constraint: 'CONSTRAINT_MEMCG',
    memcg: '/docker/x'
  }

  it('names it with its host pid and its memory at the kill; says the pid inside is unknown', () => {
    const { store, snapshot, id } = oomKilledStore()
    snapshot.containers.find((c) => c.id === id)!.oomKills = [{ ...kill, seq: 1, hostPid: 999, comm: 'sh' }, kill]
    renderWithStore(<ContainerPage />, store)
    const panel = screen.getByRole('region', { name: 'How it ended' })
    expect(panel).toHaveTextContent('OOM killer killed tail (host pid 12345), anon 15.8 MiB at the kill')
    expect(panel).toHaveTextContent('pid inside unknown: the process was gone before any scan saw it · file 1.2 MiB · shmem 0 B')
    expect(panel).toHaveTextContent('1 earlier OOM kill')
  })

  it('the kernel log unreadable: says why and what is left', () => {
    const { store, snapshot, id } = oomKilledStore()
    snapshot.containers.find((c) => c.id === id)!.oomKills = null
    snapshot.problems.push({ field: 'oomKills', reason: 'denied', message: '/dev/kmsg is readable only by root: EPERM.' })
    renderWithStore(<ContainerPage />, store)
    expect(screen.getByRole('region', { name: 'How it ended' })).toHaveTextContent(
      'Unknown: /dev/kmsg is readable only by root: EPERM. The cgroup’s OOM kill counter is gone with the cgroup; Docker’s OOMKilled is what is left.'
    )
  })

  it('a running container with a killed exec process gets an OOM kills panel', () => {
    const { store, snapshot } = oomKilledStore()
    const web = snapshot.containers.find((c) => c.name === 'web')!
    web.oomKills = [{ ...kill, comm: 'dd', pidInside: 42 }]
    store.getState().selectContainer(web.id)
    renderWithStore(<ContainerPage />, store)
    const panel = screen.getByRole('region', { name: 'OOM kills' })
    expect(panel).toHaveTextContent('OOM killer killed dd (host pid 12345)')
    expect(panel).toHaveTextContent('pid 42 inside the container')
  })
})

describe('post-mortem: a kill Docker’s OOMKilled missed', () => {
  it('exit 137 with a logged kill just before it ended: says OOM-killed, by the kernel log', () => {
    const { store, snapshot, id } = oomKilledStore()
    const old = snapshot.containers.find((c) => c.id === id)!
    old.exit = { exitCode: 137, oomKilled: false, finishedAt: '2026-12-03T20:51:46.51108552Z', error: null }
    old.oomKills = [{ at: '2026-12-03T20:51:46.2Z', seq: 1, hostPid: 8258, pidInside: null, comm: 'tail', anonRssBytes: 1, fileRssBytes: 0, shmemRssBytes: 0, totalVmBytes: 1, constraint: 'CONSTRAINT_MEMCG', memcg: '/docker/x' }]
    renderWithStore(<ContainerPage />, store)
    const panel = screen.getByRole('region', { name: 'How it ended' })
    expect(panel).toHaveTextContent('▲ OOM-killed: the kernel log shows the OOM killer killed tail at its memory limit as it ended.')
    expect(within(panel).getByRole('row', { name: /OOM-killed yes, by the kernel log \(Docker’s OOMKilled says no: it missed the kill\)/ })).toBeInTheDocument()
  })

  it('a kill long before the exit did not end it', () => {
    const { store, snapshot, id } = oomKilledStore()
    const old = snapshot.containers.find((c) => c.id === id)!
    old.exit = { exitCode: 137, oomKilled: false, finishedAt: '2026-12-03T20:51:46.51108552Z', error: null }
    old.oomKills = [{ at: '2026-12-03T20:40:00Z', seq: 1, hostPid: 8258, pidInside: null, comm: 'dd', anonRssBytes: 1, fileRssBytes: 0, shmemRssBytes: 0, totalVmBytes: 1, constraint: 'CONSTRAINT_MEMCG', memcg: '/docker/x' }]
    renderWithStore(<ContainerPage />, store)
    const panel = screen.getByRole('region', { name: 'How it ended' })
    expect(within(panel).getByRole('row', { name: 'OOM-killed no' })).toBeInTheDocument()
  })
})
