// The container page's "Java inside" panel: what the JVM decided next to the cgroup limits.
import { screen, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import type { HostSnapshot, JvmInfo } from '../../../shared/model'
import { ContainerPage } from '../../../renderer/views/container/container-page'
import { containerId, variedSnapshot } from '../support/fixture'
import { renderWithStore, storeWith } from '../support/render-app'

// What test/fixtures/hsperfdata/g1-support-off-256m gives (see test/probe/hsperfdata-parse.test.ts).
const FROM_HOST: JvmInfo = {
  path: '/tmp/hsperfdata_root/1',
  vmName: 'OpenJDK 64-Bit Server VM',
  vmVersion: '17.0.15+6-Debian-1deb12u1',
  gc: 'G1',
  maxHeapBytes: 6320816128,
  containerSupport: false,
  activeProcessorCountFlag: null,
  useContainerCpuShares: false,
  affinityCpus: 2,
  vmArgs: '-XX:-UseContainerSupport --add-modules=ALL-DEFAULT'
}

/** 'batch' (128 MiB, 1 core) with its init turned into a JVM. */
function render(jvm: JvmInfo | null | undefined): HTMLElement | null {
  const snapshot: HostSnapshot = variedSnapshot()
  const batch = snapshot.containers.find((c) => c.name === 'batch')!
  const init = snapshot.processes.find((p) => p.pid === batch.pid)!
  if (jvm !== undefined) {
    init.comm = 'java'
    init.jvm = jvm
    if (jvm === null) init.problems = [...init.problems, { field: 'jvm', reason: 'missing', message: 'no /tmp/hsperfdata_*/1 in the container' }]
  }
  const store = storeWith(snapshot)
  store.getState().selectContainer(containerId(snapshot, 'batch'))
  renderWithStore(<ContainerPage />, store)
  return screen.queryByRole('region', { name: 'Java inside' })
}

describe('the container page: Java inside', () => {
  it('no Java process, no panel', () => {
    expect(render(undefined)).toBeNull()
  })

  it('heap sized from the host: max heap against the limit, processors against the quota, support off', () => {
    const panel = render(FROM_HOST)!
    const row = (name: string) => within(panel).getByRole('row', { name: new RegExp(`^${name}`) })
    expect(row('max heap')).toHaveTextContent('≠ 5.9 GiBmemory limit 128 MiB')
    expect(row('max heap')).toHaveClass('is-different')
    expect(row('processors')).toHaveTextContent('2 (CPUs it may run on; container support off)quota 1 core')
    expect(row('GC')).toHaveTextContent('G1')
    expect(row('container support')).toHaveTextContent('off (-XX:-UseContainerSupport)')
    expect(panel).toHaveTextContent('pid 1 inside (host 8333): OpenJDK 64-Bit Server VM 17.0.15+6-Debian-1deb12u1 · read from its /tmp/hsperfdata_root/1')
    expect(panel).toHaveTextContent('Heap sized from the host:')
    expect(screen.getByRole('region', { name: 'Findings' })).toHaveTextContent('heap sized from the host')
  })

  it('container support on: the quota caps the processors, no warning', () => {
    const panel = render({ ...FROM_HOST, gc: 'Serial', maxHeapBytes: 64 * 1024 * 1024, containerSupport: true })!
    expect(within(panel).getByRole('row', { name: /^processors/ })).toHaveTextContent('1 (CPU quota, rounded up)')
    expect(within(panel).getByRole('row', { name: /^max heap/ })).not.toHaveClass('is-different')
    expect(panel).not.toHaveTextContent('Heap sized from the host')
  })

  it('an unreadable hsperfdata file: the reason, no crash', () => {
    expect(render(null)).toHaveTextContent("pid 1 inside (host 8333): its JVM's settings are unknown. no /tmp/hsperfdata_*/1 in the container")
  })
})
