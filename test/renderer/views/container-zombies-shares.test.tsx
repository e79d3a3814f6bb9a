// The container page: zombies of a PID 1 that does not reap, and the CPU shares / OOM killer rows.
import { screen, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { ContainerPage } from '../../../renderer/views/container/container-page'
import { containerId, variedSnapshot } from '../support/fixture'
import { renderWithStore, storeWith } from '../support/render-app'

function setup(edit: (s: ReturnType<typeof variedSnapshot>) => void) {
  const snapshot = variedSnapshot()
  edit(snapshot)
  const store = storeWith(snapshot)
  store.getState().selectContainer(containerId(snapshot, 'web'))
  return renderWithStore(<ContainerPage />, store)
}

describe('the container page: zombies, CPU shares, OOM killer', () => {
  it('lists the zombies, says PID 1 does not reap them and what fixes it, against the pids limit', () => {
    setup((s) => {
      const web = s.containers.find((c) => c.name === 'web')!
      const init = s.processes.find((p) => p.pid === web.pid)!
      for (const pid of [9901, 9902, 9903]) {
        s.processes.push({ ...init, pid, ppid: init.pid, state: 'Z', nspid: [pid, pid - 9890], startTicks: pid, containerId: web.id, problems: [] })
        web.processes.push(pid)
      }
      web.usage = { ...web.usage!, pids: 6 }
    })
    const pidPanel = screen.getByRole('region', { name: 'PID chain' })
    expect(within(pidPanel).getAllByRole('row').filter((r) => r.textContent?.endsWith('Z'))).toHaveLength(3)
    const note = within(pidPanel).getByRole('note')
    expect(note).toHaveTextContent('▲ 3 zombies: PID 1 sleep does not reap them; --init (a PID 1 that reaps) fixes this.')
    expect(note).toHaveTextContent('(6 of 50 used)')
    expect(within(note).getByText('--init').tagName).toBe('CODE')
  })

  it('no zombie note without zombies', () => {
    setup(() => {})
    expect(within(screen.getByRole('region', { name: 'PID chain' })).queryByRole('note')).toBeNull()
  })

  it('shows --cpu-shares and --oom-kill-disable declared and enforced, and marks a difference', () => {
    setup((s) => {
      const web = s.containers.find((c) => c.name === 'web')!
      web.declared!.resources = { ...web.declared!.resources, cpuShares: 512, oomKillDisable: true }
      web.limits = { ...web.limits!, cpuShares: 1024, cpuWeight: null, oomKillDisable: true }
    })
    const limits = screen.getByRole('region', { name: 'Limits and usage' })
    const shares = within(limits).getByRole('row', { name: 'CPU shares --cpu-shares 512 ≠ cpu.shares 1024' })
    expect(shares).toHaveClass('is-different')
    const oom = within(limits).getByRole('row', { name: 'OOM killer --oom-kill-disable oom_kill_disable 1: pauses at the limit' })
    expect(oom).not.toHaveClass('is-different')
  })

  it('says cgroup v2 has no OOM-killer switch', () => {
    setup((s) => {
      const web = s.containers.find((c) => c.name === 'web')!
      web.declared!.resources = { ...web.declared!.resources, cpuShares: null, oomKillDisable: true }
      web.limits = { ...web.limits!, cpuShares: null, cpuWeight: 100, oomKillDisable: null }
      const cgroup = s.cgroups.find((g) => g.path === web.cgroupPath)!
      cgroup.controllers = { ...cgroup.controllers, memory: 2, cpu: 2 }
    })
    const limits = screen.getByRole('region', { name: 'Limits and usage' })
    expect(within(limits).getByRole('row', { name: 'CPU shares default (1024 shares) → cpu.weight 100 cpu.weight 100' })).not.toHaveClass('is-different')
    expect(within(limits).getByRole('row', { name: /OOM killer --oom-kill-disable ≠ none: cgroup v2 has no oom_kill_disable/ })).toHaveClass('is-different')
  })
})

describe('many zombies', () => {
  it('fold under the live processes, so the panel stays readable', () => {
    setup((s) => {
      const web = s.containers.find((c) => c.name === 'web')!
      const init = s.processes.find((p) => p.pid === web.pid)!
      for (let pid = 9901; pid <= 9927; pid++) {
        s.processes.push({ ...init, pid, ppid: init.pid, state: 'Z', nspid: [pid, pid - 9890], startTicks: pid, containerId: web.id, problems: [] })
        web.processes.push(pid)
      }
    })
    const pidPanel = screen.getByRole('region', { name: 'PID chain' })
    expect(within(pidPanel).getByRole('note')).toHaveTextContent('27 zombies: PID 1 sleep does not reap them')
    expect(within(pidPanel).getByText('the 27 zombies (state Z)')).toBeInTheDocument()
    const [live, folded] = within(pidPanel).getAllByRole('table', { hidden: true })
    expect(within(live!).getAllByRole('row')).toHaveLength(4)
    expect(within(folded!).getAllByRole('row', { hidden: true })).toHaveLength(28)
  })
})
