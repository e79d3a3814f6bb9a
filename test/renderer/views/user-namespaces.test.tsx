import { screen, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { UserNamespaces } from '../../../renderer/views/namespaces/user-namespaces'
import { variedSnapshot } from '../support/fixture'
import { renderWithStore, storeWith } from '../support/render-app'

describe('User namespaces', () => {
  it('says root inside is root on the host when the container shares the host user namespace', () => {
    const snapshot = variedSnapshot()
    const hostUser = snapshot.namespaces.find((n) => n.type === 'user' && n.isHost)!
    hostUser.idMaps = { uid: [{ inside: 0, outside: 0, count: 4294967295 }], gid: [{ inside: 0, outside: 0, count: 4294967295 }] }
    renderWithStore(<UserNamespaces snapshot={snapshot} />, storeWith(snapshot))
    const row = screen.getByRole('row', { name: /^web/ })
    expect(within(row).getByText('identity (0 0 4294967295)')).toBeInTheDocument()
    expect(within(row).getByText(/root in the container is root on the host/)).toBeInTheDocument()
  })

  it('translates the uid through a remapped user namespace', () => {
    const snapshot = variedSnapshot()
    const web = snapshot.containers.find((c) => c.name === 'web')!
    const init = snapshot.processes.find((p) => p.pid === web.pid)!
    init.namespaces.user = 4026599999
    snapshot.namespaces.push({
      type: 'user',
      inode: 4026599999,
      pids: [init.pid],
      isHost: false,
      containerIds: [web.id],
      idMaps: { uid: [{ inside: 0, outside: 100000, count: 65536 }], gid: [{ inside: 0, outside: 100000, count: 65536 }] }
    })
    renderWithStore(<UserNamespaces snapshot={snapshot} />, storeWith(snapshot))
    const row = screen.getByRole('row', { name: /^web/ })
    expect(within(row).getByText('0→100000 ×65536')).toBeInTheDocument()
    expect(within(row).getByText('100000')).toBeInTheDocument()
    expect(within(row).getByText(/root inside need not be root outside/)).toBeInTheDocument()
  })
})
