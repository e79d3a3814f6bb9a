// readEngine against the real Docker daemon on this machine (20.10, API 1.41, cgroupfs).
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Docker from 'dockerode'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDockerClient } from '../../main/engine/docker-client'
import { readEngine } from '../../main/engine/read-engine'
import { TEST_IMAGE, testLabels, docker as dockerCli } from './support/docker'

const home = mkdtempSync(join(tmpdir(), 'glasshouse-real-daemon-'))
// An empty HOME so the default socket is /var/run/docker.sock, not a Docker Desktop one.
const { docker, endpoint } = createDockerClient({ HOME: home })
let container: Docker.Container | undefined

beforeAll(async () => {
  container = await docker.createContainer({
    name: `glasshouse-read-engine-${process.pid}`,
    Image: TEST_IMAGE,
    Cmd: ['sleep', '600'],
    Labels: { ...testLabels(), 'glasshouse.case': 'read-engine-real-daemon' },
    HostConfig: { CapDrop: ['net_raw'], Memory: 32 * 1024 * 1024 }
  })
  await container.start()
}, 60_000)

afterAll(async () => {
  try {
    await container?.remove({ force: true })
  } finally {
    rmSync(home, { recursive: true, force: true })
  }
}, 60_000)

describe('readEngine on the real daemon', () => {
  it('is reachable at the default socket and lists the container started here', async () => {
    const report = await readEngine(docker, endpoint)
    expect(endpoint).toBe('unix:///var/run/docker.sock')
    expect(report.state).toMatchObject({
      reachable: true,
      // Compared with what the docker CLI reads from the same daemon.
      apiVersion: dockerCli('version', '-f', '{{.Server.APIVersion}}'),
      cgroupDriver: dockerCli('info', '-f', '{{.CgroupDriver}}'),
      cgroupVersion: dockerCli('info', '-f', '{{.CgroupVersion}}'),
      endpoint: 'unix:///var/run/docker.sock'
    })

    const inspect = await container!.inspect()
    const mine = report.containers.find((c) => c.id === inspect.Id)
    expect(mine).toMatchObject({
      name: `glasshouse-read-engine-${process.pid}`,
      image: TEST_IMAGE,
      state: 'running',
      pid: inspect.State.Pid,
      labels: { ...testLabels(), 'glasshouse.case': 'read-engine-real-daemon' },
      startedAt: inspect.State.StartedAt
    })
    expect(mine?.pid).toBeGreaterThan(1)
    // Sent lower-case through the API, stored verbatim, normalised by us.
    expect(mine?.declared).toMatchObject({ capDrop: ['CAP_NET_RAW'], resources: { memoryBytes: 32 * 1024 * 1024 } })
    expect(report.problems.filter((p) => p.field === `container ${inspect.Id.slice(0, 12)}`)).toEqual([])
  })

  it('still lists the container once it has stopped, without a pid', async () => {
    await container!.stop({ t: 0 })
    const report = await readEngine(docker, endpoint)
    const inspect = await container!.inspect()
    expect(report.containers.find((c) => c.id === inspect.Id)).toMatchObject({ state: 'exited', pid: null })
  })
})
