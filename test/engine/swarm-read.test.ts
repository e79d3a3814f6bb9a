// readSwarm on daemon answers we cannot all produce here (a worker, a locked node), and the node's
// files: a certificate that names this node is read, one naming another node is not trusted.
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type Docker from 'dockerode'
import { afterAll, describe, expect, it } from 'vitest'
import { readSwarm } from '../../main/engine/swarm-read'
import { readSwarmFiles, type SwarmFiles } from '../../main/engine/swarm-files'

const scratch = mkdtempSync(join(tmpdir(), 'gh-swarm-files-'))
afterAll(() => rmSync(scratch, { recursive: true, force: true }))

/** A dockerode whose modem answers GET paths from a table (404 for the rest), and counts the calls. */
function fakeDocker(answers: Record<string, unknown>): { docker: Docker; paths: string[] } {
  const paths: string[] = []
  const modem = {
    dial(options: { path: string }, callback: (error: unknown, data: unknown) => void): void {
      paths.push(options.path)
      if (options.path in answers) callback(null, answers[options.path])
      else callback(Object.assign(new Error('(HTTP code 503) node is not a swarm manager'), { statusCode: 503 }), null)
    }
  }
  return { docker: { modem } as unknown as Docker, paths }
}

const noFiles = (): SwarmFiles => ({ nodeCert: null, certProblem: 'not read in this test', raftEncrypted: null, raftEvidence: 'not read', rootCaNotAfter: () => null })
const signal = new AbortController().signal

describe('readSwarm', () => {
  it('outside a swarm asks nothing more than /info gave', async () => {
    const { docker, paths } = fakeDocker({})
    expect(await readSwarm(docker, { Swarm: { LocalNodeState: 'inactive', Error: '' } }, signal)).toEqual({ state: 'inactive', error: null })
    expect(await readSwarm(docker, { Swarm: { LocalNodeState: 'locked', Error: '' } }, signal)).toEqual({ state: 'locked', error: null })
    expect(await readSwarm(docker, {}, signal)).toBeNull()
    expect(paths).toEqual([])
  })

  it('on a worker lists nothing and says why', async () => {
    const { docker, paths } = fakeDocker({})
    const info = { Swarm: { LocalNodeState: 'active', NodeID: 'w1', NodeAddr: '10.0.0.2', ControlAvailable: false, Nodes: null, Managers: null } }
    const swarm = await readSwarm(docker, info, signal, { files: noFiles })
    expect(paths).toEqual([])
    expect(swarm).toMatchObject({ state: 'active', isManager: false, nodes: [], services: [], problems: [{ field: 'swarm', reason: 'denied' }] })
    expect(swarm?.state === 'active' && swarm.posture.raftEncrypted).toBeNull()
  })

  it('on a manager maps services with secret and config targets, and keeps no config content', async () => {
    const { docker } = fakeDocker({
      '/nodes': [],
      '/tasks': [{ ID: 't1', ServiceID: 's1', Slot: 1, NodeID: 'm1', DesiredState: 'running', Status: { State: 'running', Message: 'started', ContainerStatus: { ContainerID: 'c'.repeat(64) } } }],
      '/secrets': [{ ID: 'sec1', CreatedAt: 'x', Spec: { Name: 'pw', Labels: {} } }],
      '/configs': [{ ID: 'cfg1', CreatedAt: 'x', Spec: { Name: 'conf', Labels: {}, Data: 'c2VjcmV0LWlzaA==' } }],
      '/services': [
        {
          ID: 's1',
          Spec: {
            Name: 'web',
            Mode: { Replicated: { Replicas: 2 } },
            TaskTemplate: {
              ContainerSpec: {
                Image: 'busybox',
                Env: ['PW=oops', 'PW_FILE=/run/secrets/pw'],
                Secrets: [{ SecretID: 'sec1', SecretName: 'pw', File: { Name: 'pw', UID: '0', GID: '0', Mode: 292 } }],
                Configs: [{ ConfigID: 'cfg1', ConfigName: 'conf', File: { Name: '/etc/conf', UID: '0', GID: '0', Mode: 292 } }]
              }
            }
          }
        }
      ]
    })
    const info = { DockerRootDir: '/x', Swarm: { LocalNodeState: 'active', NodeID: 'm1', ControlAvailable: true, Managers: 1, Nodes: 1, Cluster: { ID: 'cl', Spec: { CAConfig: { NodeCertExpiry: 7776000000000000 }, EncryptionConfig: { AutoLockManagers: true } }, RootRotationInProgress: false } } }
    const swarm = await readSwarm(docker, info, signal, { files: noFiles })
    if (swarm?.state !== 'active') throw new Error('not active')
    expect(swarm.services[0]).toMatchObject({
      name: 'web',
      mode: 'replicated',
      replicas: 2,
      envNames: ['PW', 'PW_FILE'],
      secrets: [{ id: 'sec1', target: '/run/secrets/pw', mode: 0o444 }],
      configs: [{ id: 'cfg1', target: '/etc/conf' }]
    })
    expect(swarm.tasks[0]).toMatchObject({ containerId: 'c'.repeat(64), state: 'running' })
    expect(swarm.posture).toMatchObject({ nodeCertValiditySeconds: 7_776_000, autolock: true, rootRotationInProgress: false })
    expect(JSON.stringify(swarm)).not.toContain('c2VjcmV0LWlzaA==')
  })
})

describe('readSwarmFiles', () => {
  function certFor(root: string, nodeId: string): void {
    const dir = join(root, 'swarm', 'certificates')
    mkdirSync(dir, { recursive: true })
    mkdirSync(join(root, 'swarm', 'raft', 'wal-v3-encrypted'), { recursive: true })
    mkdirSync(join(root, 'swarm', 'raft', 'snap-v3-encrypted'), { recursive: true })
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '90', '-subj', `/O=cluster/OU=swarm-manager/CN=${nodeId}`, '-keyout', join(scratch, `${nodeId}.key`), '-out', join(dir, 'swarm-node.crt')], { stdio: 'ignore' })
  }

  it('reads the certificate that names this node, and the raft directories', () => {
    const root = join(scratch, 'a')
    certFor(root, 'node-a')
    const files = readSwarmFiles(root, 'node-a')
    expect(files.nodeCert?.subject).toBe('O=cluster, OU=swarm-manager, CN=node-a')
    const days = (Date.parse(files.nodeCert?.notAfter ?? '') - Date.now()) / 86_400_000
    expect(days).toBeGreaterThan(89)
    expect(days).toBeLessThanOrEqual(90)
    expect(files).toMatchObject({ raftEncrypted: true, certProblem: null })
  })

  it("does not judge a remote node by this machine's files", () => {
    const root = join(scratch, 'b')
    certFor(root, 'node-b')
    expect(readSwarmFiles(root, 'node-elsewhere')).toMatchObject({ nodeCert: null, raftEncrypted: null, certProblem: expect.stringContaining('belongs to another node') })
    expect(readSwarmFiles(join(scratch, 'none'), 'x')).toMatchObject({ nodeCert: null, certProblem: expect.stringContaining('not on this machine') })
  })
})
