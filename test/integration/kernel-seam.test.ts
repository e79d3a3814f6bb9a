// The kernel-source seam on the real daemon and kernel: the in-process kernel report of a host running
// real containers survives JSON (what a helper container will send) and yields the same snapshot, with
// the containers' limits, mounts and the user namespaces' id maps all carried by the report.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDockerClient } from '../../main/engine/docker-client'
import { readEngine } from '../../main/engine/read-engine'
import type { EngineReport } from '../../main/engine/types'
import { InProcessKernelSource } from '../../main/kernel/in-process-source'
import { requestFor, type KernelReport } from '../../main/kernel/kernel-source'
import { buildSnapshot } from '../../main/model/build-snapshot'
import { removeContainers, runContainer } from './support/docker'

const prefix = `gh-seam-${process.pid}`
const started: string[] = []
let engine: EngineReport
let report: KernelReport

beforeAll(async () => {
  started.push(runContainer(`${prefix}-limits`, ['--memory', '64m', '--pids-limit', '50']))
  started.push(runContainer(`${prefix}-readonly`, ['--read-only', '--cap-drop', 'ALL']))
  const { docker, endpoint } = createDockerClient()
  engine = await readEngine(docker, endpoint)
  report = await new InProcessKernelSource().report(requestFor(engine))
}, 60_000)

afterAll(() => removeContainers(started))

describe('kernel report on the real host', () => {
  it('is plain JSON: parsing its serialisation gives it back', () => {
    expect(JSON.parse(JSON.stringify(report))).toEqual(report)
  })

  it('builds the same snapshot directly and from its JSON round trip', () => {
    const takenAt = new Date()
    const direct = buildSnapshot({ takenAt, engine, kernel: report })
    const parsed = buildSnapshot({ takenAt, engine, kernel: JSON.parse(JSON.stringify(report)) as KernelReport })
    expect(parsed).toEqual(direct)
    expect(JSON.stringify(parsed)).toBe(JSON.stringify(direct))
  })

  it("carries what the join needs for this test's containers: cgroup limits and init mounts", () => {
    const snapshot = buildSnapshot({ takenAt: new Date(), engine, kernel: JSON.parse(JSON.stringify(report)) as KernelReport })
    const limits = snapshot.containers.find((c) => c.id === started[0])
    expect(limits?.limits).toMatchObject({ memoryBytes: 64 * 1024 * 1024, pidsMax: 50 })
    expect(limits?.problems).toEqual([])
    const readonly = snapshot.containers.find((c) => c.id === started[1])
    expect(readonly?.mounts?.find((m) => m.kind === 'root')?.readOnly).toBe(true)
    expect(snapshot.namespaces.filter((n) => n.type === 'user' && n.isHost)[0]?.idMaps?.uid).toEqual([{ inside: 0, outside: 0, count: 4294967295 }])
  })
})
