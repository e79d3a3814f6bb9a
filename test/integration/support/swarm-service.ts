// A single-node swarm with one service using a secret and a config, for tests that need a real one.
// The swarm is initialised only when the daemon is not in one, and left only by whoever initialised it
// (other helpers' tests may run meanwhile: they must pass in and out of a swarm).
import { execFileSync } from 'node:child_process'
import { docker, TEST_IMAGE, TEST_LABEL, testRun } from './docker'
import { waitFor } from './wait-for'

export interface SwarmService {
  service: string
  secret: string
  config: string
  /** The running task's container id (64 hex). */
  containerId: string
  /** Removes the service, secret and config, restores autolock, leaves the swarm if this call joined it. */
  remove(): Promise<void>
}

export function swarmState(): string {
  return docker('info', '--format', '{{.Swarm.LocalNodeState}}')
}

function createFrom(kind: 'secret' | 'config', name: string, content: string): void {
  execFileSync('docker', [kind, 'create', '--label', `${TEST_LABEL}=${testRun()}`, name, '-'], { input: content, stdio: ['pipe', 'ignore', 'pipe'] })
}

export function serviceContainer(service: string): string | null {
  const id = docker('ps', '-q', '--no-trunc', '--filter', `label=com.docker.swarm.service.name=${service}`)
  return id === '' ? null : (id.split('\n')[0] ?? null)
}

export async function startSwarmService(prefix: string): Promise<SwarmService> {
  const service = `${prefix}-${process.pid}`
  const secret = `gh_db_password_${process.pid}`
  const config = `${prefix}-conf-${process.pid}`
  let initialised = false
  if (swarmState() !== 'active') {
    docker('swarm', 'init', '--advertise-addr', '127.0.0.1')
    initialised = true
  }
  const autolockBefore = docker('info', '--format', '{{.Swarm.Cluster.Spec.EncryptionConfig.AutoLockManagers}}') === 'true'
  const remove = async (): Promise<void> => {
    try {
      if (swarmState() !== 'active') return
      docker('swarm', 'update', `--autolock=${autolockBefore}`)
      for (const args of [['service', 'rm', service], ['secret', 'rm', secret], ['config', 'rm', config]]) {
        try {
          docker(...args)
        } catch {
          // Not created (setup failed early), or already gone.
        }
      }
      // service rm returns before the task's container is gone.
      await waitFor(() => (serviceContainer(service) === null ? true : undefined), 'the service container to go', 30_000).catch(() => undefined)
    } finally {
      if (initialised) docker('swarm', 'leave', '--force')
    }
  }
  try {
    createFrom('secret', secret, 's3cret')
    createFrom('config', config, 'level=debug\n')
    docker(
      'service', 'create', '-d', '--name', service,
      '--label', `${TEST_LABEL}=${testRun()}`, '--container-label', `${TEST_LABEL}=${testRun()}`,
      '--secret', `source=${secret},target=db_password,mode=0400,uid=1000`,
      '--config', `source=${config},target=/etc/app.conf,mode=0444`,
      TEST_IMAGE, 'sleep', '3600'
    )
    const containerId = await waitFor(() => serviceContainer(service) ?? undefined, 'the service task to run', 60_000)
    return { service, secret, config, containerId, remove }
  } catch (error) {
    await remove()
    throw error
  }
}
