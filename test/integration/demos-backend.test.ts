// The backend's demo methods on the real daemon: a step runs only when asked, the app's close removes
// what its runs created, and its start removes what a dead Glasshouse left.
import { afterAll, describe, expect, it } from 'vitest'
import { DEMO_IMAGE } from '../../shared/demos/docker-command'
import { createDemoService } from '../../main/backend/demos'
import { ensureDemoImage } from '../../main/demos/demo-image'
import { demoLabels } from '../../main/demos/demo-labels'
import { DEMO_TAG_LABEL } from '../../main/demos/demo-runner'
import { docker } from './support/demo-runs'
import { testLabels } from './support/docker'

const created: string[] = []
afterAll(async () => {
  for (const id of created) await docker.getContainer(id).remove({ force: true }).catch(() => undefined)
})

describe('the backend demo service', () => {
  it('runs a step when asked and removes its containers when the app closes', async () => {
    const service = createDemoService(docker)
    await service.swept
    const before = await docker.listContainers({ all: true, filters: { label: ['glasshouse.demo=pid-host', `glasshouse.demo.owner-pid=${process.pid}`] } })
    expect(before).toEqual([])
    const result = await service.handlers['demo:run-step']('pid-host', 0)
    created.push(...Object.values(result.containers))
    expect((await docker.getContainer(result.containers.a!).inspect()).HostConfig.PidMode).toBe('host')
    await service.close()
    const after = await docker.listContainers({ all: true, filters: { label: ['glasshouse.demo=pid-host', `glasshouse.demo.owner-pid=${process.pid}`] } })
    expect(after).toEqual([])
  })

  it('at start, removes what a Glasshouse that is gone left, and keeps what a live one runs', async () => {
    await ensureDemoImage(docker)
    const deadPid = 4_000_000 // above pid_max's default ceiling: no process has it
    const orphan = await docker.createContainer({
      Image: DEMO_IMAGE,
      Cmd: ['sleep', '3600'],
      Labels: { ...testLabels(), ...demoLabels('pid-namespace', deadPid), [DEMO_TAG_LABEL]: `o${process.pid}` }
    })
    const live = await docker.createContainer({
      Image: DEMO_IMAGE,
      Cmd: ['sleep', '3600'],
      Labels: { ...testLabels(), ...demoLabels('pid-namespace', process.ppid), [DEMO_TAG_LABEL]: `l${process.pid}` }
    })
    created.push(orphan.id, live.id)
    const service = createDemoService(docker)
    await service.swept
    await expect(orphan.inspect()).rejects.toMatchObject({ statusCode: 404 })
    expect((await live.inspect()).Id).toBe(live.id)
    await service.close()
  })
})
