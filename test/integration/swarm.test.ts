// A single-node swarm on the real daemon (issue 15): initialised by this test only when the daemon is
// not in one, and left again (also on failure) only if this test initialised it. A service with a
// secret and a config: the snapshot shows the service, its task's container, the secret's target as a
// read-only tmpfs file in that container's mountinfo, the node's certificate and autolock as toggled.
import { execFileSync } from 'node:child_process'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { HostSnapshot, SwarmActive } from '../../shared/model'
import type { LiveMessage } from '../../shared/live'
import { swarmServices } from '../../shared/selectors/swarm'
import { createDockerClient } from '../../main/engine/docker-client'
import { InProcessKernelSource } from '../../main/kernel/in-process-source'
import { LiveSession } from '../../main/live/live-session'
import { snapshotJson } from './support/cli'
import { docker } from './support/docker'
import { serviceContainer, startSwarmService, type SwarmService } from './support/swarm-service'
import { waitFor } from './support/wait-for'

let setup: SwarmService | undefined

function activeSwarm(snapshot: HostSnapshot): SwarmActive {
  if (snapshot.swarm?.state !== 'active') throw new Error(`swarm is ${snapshot.swarm?.state ?? 'absent'} in the snapshot`)
  return snapshot.swarm
}

beforeAll(async () => {
  setup = await startSwarmService('gh-swarm')
}, 120_000)

afterAll(async () => {
  await setup?.remove()
}, 90_000)

describe('a single-node swarm with a service, a secret and a config', () => {
  it('shows the node, the service and its task joined to its container on this node', async () => {
    const snapshot = await snapshotJson()
    const swarm = activeSwarm(snapshot)
    expect(swarm.nodeId).toBe(docker('info', '--format', '{{.Swarm.NodeID}}'))
    expect(swarm.isManager).toBe(true)
    expect(swarm.nodes.find((n) => n.self)).toMatchObject({ role: 'manager', availability: 'active', state: 'ready', reachability: 'reachable', leader: true })
    const row = swarmServices(snapshot, swarm).find((r) => r.service.name === setup?.service)
    const running = row?.tasks.find((t) => t.task.state === 'running')
    expect(running?.container?.id).toBe(setup?.containerId)
    expect(swarm.secrets.map((s) => s.name)).toContain(setup?.secret)
    expect(swarm.configs.map((c) => c.name)).toContain(setup?.config)
    // Nothing secret travels: no join token, no config content.
    const text = JSON.stringify(snapshot)
    expect(text).not.toMatch(/SWMTKN-/)
    expect(text).not.toContain(Buffer.from('level=debug\n').toString('base64'))
  })

  it('proves from mountinfo that the secret and the config are read-only tmpfs files at their targets, mounted by id', async () => {
    const snapshot = await snapshotJson()
    const swarm = activeSwarm(snapshot)
    const row = swarmServices(snapshot, swarm).find((r) => r.service.name === setup?.service)
    const files = row?.tasks.find((t) => t.task.state === 'running')?.files ?? []
    const secretId = docker('secret', 'inspect', '--format', '{{.ID}}', setup?.secret ?? '')
    expect(files.map((f) => [f.type, f.target.target, f.target.mode, f.target.uid, f.kernel])).toEqual([
      ['secret', '/run/secrets/db_password', 0o400, '1000', { fsType: 'tmpfs', readOnly: true, byId: true }],
      ['config', '/etc/app.conf', 0o444, '0', { fsType: 'tmpfs', readOnly: true, byId: true }]
    ])
    expect(files[0]?.target.id).toBe(secretId)
    // Owner and mode as the kernel shows them inside the container (stat through /proc/<pid>/root).
    expect(files.map((f) => f.stat)).toEqual([
      { uid: 1000, gid: 0, mode: 0o400, sizeBytes: 's3cret'.length },
      { uid: 0, gid: 0, mode: 0o444, sizeBytes: 'level=debug\n'.length }
    ])
    // The same fact straight from the kernel, for the container's init.
    const pid = docker('inspect', '--format', '{{.State.Pid}}', serviceContainer(setup?.service ?? '') ?? '')
    const line = execFileSync('grep', [' /run/secrets/db_password ', `/proc/${pid}/mountinfo`], { encoding: 'utf8' })
    expect(line).toMatch(new RegExp(`^\\d+ \\d+ \\d+:\\d+ /${secretId} /run/secrets/db_password ro,.* - tmpfs `))
  })

  it("gives the certificate validity docker info reports and this node's certificate end date", async () => {
    const swarm = activeSwarm(await snapshotJson())
    const expiryNs = Number(docker('info', '--format', '{{json .Swarm.Cluster.Spec.CAConfig.NodeCertExpiry}}'))
    expect(swarm.posture.nodeCertValiditySeconds).toBe(expiryNs / 1e9)
    const root = docker('info', '--format', '{{.DockerRootDir}}')
    const enddate = execFileSync('openssl', ['x509', '-noout', '-enddate', '-in', `${root}/swarm/certificates/swarm-node.crt`], { encoding: 'utf8' })
    expect(swarm.posture.nodeCert?.notAfter).toBe(new Date(enddate.trim().replace('notAfter=', '')).toISOString())
    expect(swarm.posture.raftEncrypted).toBe(true)
  })

  it('shows autolock as the test toggles it', async () => {
    docker('swarm', 'update', '--autolock=true')
    expect(activeSwarm(await snapshotJson()).posture.autolock).toBe(true)
    docker('swarm', 'update', '--autolock=false')
    expect(activeSwarm(await snapshotJson()).posture.autolock).toBe(false)
  })

  it('reaches a live session: autolock on by its node event, off (which sends none) by the slow refresh', async () => {
    docker('swarm', 'update', '--autolock=false')
    const messages: LiveMessage[] = []
    const kernel = new InProcessKernelSource()
    const session = new LiveSession({ kernel, engine: createDockerClient(), intervalMs: 1000, structureEveryMs: 2000, onMessage: (m) => messages.push(m) })
    const autolockSeen = (value: boolean): true | undefined =>
      messages.some((m) => m.type === 'patch' && m.patch.swarm?.state === 'active' && m.patch.swarm.posture.autolock === value) ? true : undefined
    try {
      await session.start()
      expect(activeSwarm(session.current()!).posture.autolock).toBe(false)
      docker('swarm', 'update', '--autolock=true')
      await waitFor(() => autolockSeen(true), 'a patch with autolock on', 15_000)
      docker('swarm', 'update', '--autolock=false')
      await waitFor(() => autolockSeen(false), 'a patch with autolock off', 15_000)
    } finally {
      await session.stop()
      await kernel.close()
    }
  })
})
