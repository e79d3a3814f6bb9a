// Helpers left behind: one whose app ended (its owner pid is gone), one whose owner pid was reused
// by another process (other start time), and one of an app that still runs (this test process).
// Starting a helper removes the first two and keeps the third. The leftovers are real helper
// containers made from the same spec, labelled as a crashed app's would be.
import Docker from 'dockerode'
import { spawnSync } from 'node:child_process'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { OWNER_START_LABEL, ownerLabels } from '../../main/kernel/helper-owner'
import { HelperKernelSource } from '../../main/kernel/helper-source'
import { createOptions, helperSpec } from '../../main/kernel/helper-spec'
import { ensureHelperImage } from '../../main/kernel/helper-image'
import { TEST_LABEL, testRun } from './support/docker'
import { BUILT_HELPER, assertHelperBuilt, helpersOwnedBy } from './support/helpers-left'

const docker = new Docker()
const leftovers: Record<'ended' | 'reused' | 'live', string> = { ended: '', reused: '', live: '' }
let helper: HelperKernelSource | null = null
let endedPid = 0

async function leftover(labels: Record<string, string>): Promise<string> {
  const container = await docker.createContainer(createOptions(helperSpec({ helperScript: BUILT_HELPER, labels: { ...labels, [TEST_LABEL]: testRun() } })))
  await container.start()
  return container.id
}

async function exists(id: string): Promise<boolean> {
  try {
    await docker.getContainer(id).inspect()
    return true
  } catch {
    return false
  }
}

beforeAll(async () => {
  assertHelperBuilt()
  await ensureHelperImage(docker)
  endedPid = spawnSync('true').pid
  leftovers.ended = await leftover(ownerLabels(endedPid))
  leftovers.reused = await leftover({ ...ownerLabels(), [OWNER_START_LABEL]: '1' })
  leftovers.live = await leftover(ownerLabels())
  helper = await HelperKernelSource.start(docker, { helperScript: BUILT_HELPER, engine: { host: 'unix:///var/run/docker.sock', info: await docker.info() } })
}, 120_000)

afterAll(async () => {
  await helper?.close()
  await Promise.all(Object.values(leftovers).map((id) => docker.getContainer(id).remove({ force: true }).catch(() => undefined)))
})

describe('helpers left behind, at the next start', () => {
  it('the one of an app that ended is removed', async () => {
    expect(await exists(leftovers.ended)).toBe(false)
    expect(await helpersOwnedBy(endedPid)).toEqual([])
  })

  it('the one whose owner pid now names another process is removed', async () => {
    expect(await exists(leftovers.reused)).toBe(false)
  })

  it("another live app's helper is kept, next to the new one", async () => {
    expect(await exists(leftovers.live)).toBe(true)
    expect((await helpersOwnedBy(process.pid)).sort()).toEqual([leftovers.live, helper!.helper.id].sort())
  })
})
