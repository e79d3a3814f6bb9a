// Verification copies left by a run killed while verifying are removed at the next start; a live run's are kept.
import Docker from 'dockerode'
import { spawnSync } from 'node:child_process'
import { hostname } from 'node:os'
import { afterAll, describe, expect, it } from 'vitest'
import { processStartTime } from '../../main/kernel/helper-owner'
import { removeOrphanCopies, VERIFY_LABEL } from '../../main/observe/verify-suggestion'
import { removeContainers, TEST_IMAGE, testLabels } from './support/docker'

const docker = new Docker()
const ids: string[] = []
afterAll(() => removeContainers(ids))

async function copyOwnedBy(owner: string): Promise<string> {
  const c = await docker.createContainer({ Image: TEST_IMAGE, Cmd: ['sleep', '60'], Labels: { ...testLabels(), [VERIFY_LABEL]: '1', 'glasshouse.observe.owner': owner } })
  ids.push(c.id)
  return c.id
}

describe('verification copies left behind', () => {
  it('are removed when their owner is gone, kept while it runs', async () => {
    const deadPid = spawnSync('true').pid!
    const orphan = await copyOwnedBy(`${hostname()}/${deadPid}/123`)
    const live = await copyOwnedBy(`${hostname()}/${process.pid}/${processStartTime(process.pid)}`)
    const removed = await removeOrphanCopies(docker)
    expect(removed).toContain(orphan)
    expect(removed).not.toContain(live)
    await expect(docker.getContainer(orphan).inspect()).rejects.toMatchObject({ statusCode: 404 })
    expect((await docker.getContainer(live).inspect()).Id).toBe(live)
  })
})
