import { screen, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import type { KernelMount } from '../../../shared/model'
import { ContainerPage } from '../../../renderer/views/container/container-page'
import { containerId, variedSnapshot } from '../support/fixture'
import { renderWithStore, storeWith } from '../support/render-app'

function setup(name: string, edit?: (s: ReturnType<typeof variedSnapshot>) => void) {
  const snapshot = variedSnapshot()
  edit?.(snapshot)
  const store = storeWith(snapshot)
  store.getState().selectContainer(containerId(snapshot, name))
  return renderWithStore(<ContainerPage />, store)
}

describe('the container page', () => {
  it('shows one container whole: PID chain, namespaces, limits declared and enforced, user and root fs', () => {
    setup('web')
    expect(screen.getByRole('heading', { level: 2, name: 'web' })).toBeInTheDocument()
    expect(screen.getByRole('img', { name: "PID 8151 in the host's PID namespace, PID 1 in the web's own namespace" })).toBeInTheDocument()
    const ns = screen.getByRole('region', { name: 'Namespaces' })
    expect(within(ns).getByRole('row', { name: /net 4026532184 shared with sidecar/ })).toBeInTheDocument()
    const limits = screen.getByRole('region', { name: 'Limits and usage' })
    expect(within(limits).getByRole('row', { name: 'memory 64 MiB 64 MiB' })).toBeInTheDocument()
    expect(within(limits).getByRole('row', { name: 'pids 50 50' })).toBeInTheDocument()
    expect(screen.getByText(/root in the container is root on the host \(no user namespace\)/)).toBeInTheDocument()
    expect(screen.getByRole('region', { name: 'Capabilities' })).toHaveTextContent('− NET_RAW')
  })

  it('shows the read-only root of batch', () => {
    setup('batch')
    expect(screen.getByText(/read-only \(--read-only\)/)).toBeInTheDocument()
  })

  it('shows Docker secrets under /run/secrets as secrets, from the kernel mount table, and folds the routine mounts', () => {
    setup('web', (s) => {
      const mount = (over: Partial<KernelMount>): KernelMount => ({ mountPoint: '/', fsType: 'overlay', source: 'overlay', root: '/', readOnly: false, kind: 'root', ...over })
      s.containers.find((c) => c.name === 'web')!.mounts = [
        mount({}),
        mount({ mountPoint: '/run/secrets/site.key', fsType: 'tmpfs', source: 'tmpfs', root: '/site.key', readOnly: true, kind: 'secret' }),
        mount({ mountPoint: '/proc', fsType: 'proc', source: 'proc', kind: 'system' })
      ]
    })
    const mounts = screen.getByRole('region', { name: 'Mounts' })
    expect(within(mounts).getByText('secret')).toBeInTheDocument()
    expect(within(mounts).getByText(/Docker secret "site.key": kept in memory/)).toBeInTheDocument()
    expect(within(mounts).getByText(/2 routine mounts every container has/)).toBeInTheDocument()
  })

  it('flags the mounted Docker socket', () => {
    setup('netadmin')
    const mounts = screen.getByRole('region', { name: 'Mounts' })
    expect(within(mounts).getByText('▲ docker socket')).toBeInTheDocument()
    expect(screen.getByRole('region', { name: 'Findings' })).toHaveTextContent('Docker socket mounted')
  })

  it('degrades for a stopped container instead of going blank', () => {
    setup('old-job')
    expect(screen.getByText('Not running: no processes.')).toBeInTheDocument()
    expect(screen.getByText(/a stopped container has no namespaces/)).toBeInTheDocument()
  })
})
