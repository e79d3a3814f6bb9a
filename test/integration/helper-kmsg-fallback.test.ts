// A daemon that cannot give the helper the kernel log device (no /dev/kmsg on its host, a rootless daemon)
// refuses the container's start (measured: create succeeds, start fails "error gathering device
// information while adding custom device …"). The helper still starts, without the device, and every
// report that needed the log says why in the daemon's words. Simulated on the real daemon with a device
// path that does not exist on this host; the first attempt's container is not left behind.
import Docker from 'dockerode'
import { afterAll, describe, expect, it } from 'vitest'
import { HelperKernelSource } from '../../main/kernel/helper-source'
import { KERNEL_LOG_DEVICE } from '../../main/kernel/helper-spec'
import { BUILT_HELPER, assertHelperBuilt, helpersOwnedBy } from './support/helpers-left'

const docker = new Docker()
const absent = `/dev/kmsg-absent-${process.pid}`
let helper: HelperKernelSource | null = null

afterAll(async () => {
  await helper?.close()
})

describe('a helper whose kernel log device the daemon cannot give', () => {
  it('starts without it, and a report that reads the log says the daemon could not give it', async () => {
    assertHelperBuilt()
    helper = await HelperKernelSource.start(docker, {
      helperScript: BUILT_HELPER,
      engine: { host: 'unix:///var/run/docker.sock', info: await docker.info() },
      spec: { devices: [{ ...KERNEL_LOG_DEVICE, source: absent }] }
    })
    expect(helper.helper.kernelLogUnavailable).toMatch(new RegExp(`^the daemon could not give ${absent} to the container \\(.*no such file or directory\\)$`))
    const inspected = await docker.getContainer(helper.helper.id).inspect()
    expect(inspected.HostConfig.Devices ?? []).toEqual([])
    // Only the running helper: the refused first container was removed.
    expect(await helpersOwnedBy(process.pid)).toEqual([helper.helper.id])
    // engineSawKill: the log is read even when no cgroup counted a kill (kmsg-needed.ts).
    const report = await helper.report({ containers: [], engineSawKill: true })
    expect(report.kernelLog?.problem).toEqual({
      field: 'oomKills',
      reason: 'unavailable',
      message: expect.stringMatching(new RegExp(`^kernel log not readable through the helper: the daemon could not give ${absent} to the container \\(.*\\)\\. Which process`)) as unknown
    })
    await helper.close()
    helper = null
    expect(await helpersOwnedBy(process.pid)).toEqual([])
  })

  it('a helper given the device reads the log, with no problem', async () => {
    assertHelperBuilt()
    helper = await HelperKernelSource.start(docker, { helperScript: BUILT_HELPER, engine: { host: 'unix:///var/run/docker.sock', info: await docker.info() } })
    expect(helper.helper.kernelLogUnavailable).toBeNull()
    const report = await helper.report({ containers: [], engineSawKill: true })
    expect(report.kernelLog).toMatchObject({ problem: null })
    await helper.close()
    helper = null
  })
})
