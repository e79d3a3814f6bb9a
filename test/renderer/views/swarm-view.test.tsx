import { screen, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import type { SwarmActive } from '../../../shared/model'
import { SwarmView } from '../../../renderer/views/swarm/swarm-view'
import { containerId, variedSnapshot } from '../support/fixture'
import { renderWithStore, storeWith } from '../support/render-app'

function active(webId: string): SwarmActive {
  return {
    state: 'active', nodeId: 'n1', nodeAddr: '127.0.0.1', isManager: true, clusterId: 'cl1', managers: 1, nodeCount: 1,
    posture: {
      nodeCertValiditySeconds: 7_776_000,
      nodeCert: { notBefore: '2026-11-28T15:00:00.000Z', notAfter: '2027-02-26T16:00:00.000Z', subject: 'O=cl1, OU=swarm-manager, CN=n1', issuer: 'CN=swarm-ca', path: '/var/lib/docker/swarm/certificates/swarm-node.crt' },
      certProblem: null, rootCaNotAfter: '2046-11-23T15:00:00.000Z', rootRotationInProgress: false, forceRotate: 0, externalCas: 0,
      autolock: false, raftEncrypted: true, raftEvidence: '/var/lib/docker/swarm/raft: snap-v3-encrypted, wal-v3-encrypted'
    },
    nodes: [{ id: 'n1', hostname: 'vm', role: 'manager', availability: 'active', state: 'ready', addr: '127.0.0.1', engineVersion: '20.10.24', reachability: 'reachable', leader: true, self: true }],
    services: [{ id: 's1', name: 'api', image: 'busybox', mode: 'replicated', replicas: 1, envNames: [], secrets: [{ id: 'sec1', name: 'pw', target: '/run/secrets/pw', uid: '0', gid: '0', mode: 0o400 }], configs: [] }],
    tasks: [{ id: 't1', serviceId: 's1', slot: 1, nodeId: 'n1', state: 'running', desiredState: 'running', message: 'started', containerId: webId }],
    secrets: [{ id: 'sec1', name: 'pw', createdAt: '', labels: {} }],
    configs: [],
    problems: []
  }
}

describe('the Swarm view', () => {
  it('explains swarm mode and gives the init command when the engine is not in a swarm', () => {
    const snapshot = variedSnapshot()
    snapshot.swarm = { state: 'inactive', error: null }
    renderWithStore(<SwarmView />, storeWith(snapshot))
    expect(screen.getByRole('heading', { name: 'This engine is not in a swarm' })).toBeInTheDocument()
    expect(screen.getByText('docker swarm init --advertise-addr 127.0.0.1')).toBeInTheDocument()
  })

  it('shows the posture, and the task joined to its container with the secret as the mount table shows it', () => {
    const snapshot = variedSnapshot()
    const webId = containerId(snapshot, 'web')
    snapshot.containers.find((c) => c.id === webId)!.mounts = [
      { mountPoint: '/run/secrets/pw', fsType: 'tmpfs', source: 'tmpfs', root: '/sec1', readOnly: true, kind: 'secret' }
    ]
    snapshot.swarm = active(webId)
    const store = storeWith(snapshot)
    renderWithStore(<SwarmView />, store)
    const posture = screen.getByRole('region', { name: 'Security posture' })
    expect(within(posture).getByRole('row', { name: /^autolock/ })).toHaveTextContent('▲ off')
    expect(posture).toHaveTextContent('This node\'s certificate expires 2027-02-26')
    const services = screen.getByRole('region', { name: 'Services, tasks and their containers' })
    expect(within(services).getByRole('row', { name: /secret pw/ })).toHaveTextContent('✓ a tmpfs file (memory, never on disk nor in the image), read-only · its mount names the secret\'s id')
    within(services).getByRole('button', { name: 'container web' }).click()
    expect(store.getState().view).toBe('container')
    expect(store.getState().selectedContainerId).toBe(webId)
  })
})
