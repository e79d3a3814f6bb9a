// A helper that cannot start, or that is killed, fails with a reason a user can act on, never
// hangs, and leaves no container behind.
import Docker from 'dockerode'
import { afterAll, describe, expect, it } from 'vitest'
import { HelperKernelSource } from '../../main/kernel/helper-source'
import { History } from '../../main/live/history'
import { TEST_IMAGE } from './support/docker'
import { BUILT_HELPER, assertHelperBuilt, helpersOwnedBy } from './support/helpers-left'

const docker = new Docker()
const engine = async (): Promise<{ host: string; info: object }> => ({ host: 'unix:///var/run/docker.sock', info: await docker.info() })
let helper: HelperKernelSource | null = null

afterAll(async () => {
  await helper?.close()
})

describe('helper failures', () => {
  it('a helper whose script is missing: the reason quotes its stderr, and its container is removed', async () => {
    assertHelperBuilt()
    const start = HelperKernelSource.start(docker, { helperScript: BUILT_HELPER, engine: await engine(), spec: { script: '/glasshouse/missing.js' } })
    await expect(start).rejects.toThrow(/cannot start the helper container: the helper container ended before it was ready: .*Cannot find module '\/glasshouse\/missing.js'/s)
    expect(await helpersOwnedBy(process.pid)).toEqual([])
  })

  it('a configured image without node (the probe would come on stdin): the reason names node, and its container is removed', async () => {
    assertHelperBuilt()
    const start = HelperKernelSource.start(docker, { helperScript: BUILT_HELPER, engine: await engine(), configuredImage: TEST_IMAGE })
    await expect(start).rejects.toThrow(/cannot start the helper container: .*"node": executable file not found/s)
    expect(await helpersOwnedBy(process.pid)).toEqual([])
  })

  it('a helper killed mid-session: the next report is refused with the reason', async () => {
    helper = await HelperKernelSource.start(docker, { helperScript: BUILT_HELPER, engine: await engine() })
    const exited = new Promise<string>((resolve) => helper!.helper.onExit(resolve))
    await docker.getContainer(helper.helper.id).kill()
    expect(await exited).toMatch(/the helper container [0-9a-f]{12} stopped/)
    await expect(helper.report({ containers: [] })).rejects.toThrow(/stopped/)
    // Sampling on it is refused in words too, not by a write to a dead stream.
    expect(() => helper!.sampler({ history: new History() }).setTargets([])).toThrow(/stopped/)
    await helper.close()
    helper = null
    expect(await helpersOwnedBy(process.pid)).toEqual([])
  })
})
