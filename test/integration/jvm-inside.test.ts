// The JVM inside, on the real daemon with a real JVM: OpenJDK 17 from this host, bound read-only into the
// busybox test image, in containers with -m 256m --cpus 1, once with -XX:-UseContainerSupport (the heap
// is sized from the host) and once without. What Glasshouse shows must equal what the JVM itself says in
// the same setup: MaxHeapSize from -XX:+PrintFlagsFinal, the processor count from
// Runtime.availableProcessors() (PrintFlagsFinal prints ActiveProcessorCount only when it is set: -1).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ContainerInfo, HostSnapshot, ProcessInfo } from '../../shared/model'
import { findingsFor } from '../../shared/selectors/findings'
import { jvmsInside } from '../../shared/selectors/jvm-inside'
import { snapshotJson } from './support/cli'
import { docker, removeContainers, runContainer, TEST_IMAGE, TEST_LABEL, testRun } from './support/docker'
import { assertJava, availableProcessors, JAVA, jvmKit, type JvmKit } from './support/jvm-container'

const SETUP = ['-m', '256m', '--cpus', '1']
const SUPPORT_OFF = '-XX:-UseContainerSupport'

const started: string[] = []
const names = { on: `gh-jvm-on-${process.pid}`, off: `gh-jvm-off-${process.pid}` }
let kit: JvmKit | undefined
let snapshot: HostSnapshot
let throughHelper: HostSnapshot

/** MaxHeapSize as the JVM prints it in a container set up the same way. */
function printFlagsFinalMaxHeap(k: JvmKit, javaOptions: string[]): number {
  const out = docker('run', '--rm', '--label', `${TEST_LABEL}=${testRun()}`, ...SETUP, ...k.binds, TEST_IMAGE, JAVA, ...javaOptions, '-XX:+PrintFlagsFinal', '-version')
  const match = /^\s*size_t MaxHeapSize\s+= (\d+)/m.exec(out)
  if (!match) throw new Error(`no MaxHeapSize in PrintFlagsFinal:\n${out.slice(0, 400)}`)
  return Number(match[1])
}

function container(name: string): ContainerInfo {
  const c = snapshot.containers.find((x) => x.name === name)
  if (!c) throw new Error(`${name} is not in the snapshot`)
  return c
}

function javaProcess(c: ContainerInfo, s: HostSnapshot = snapshot): ProcessInfo {
  const p = s.processes.find((x) => x.containerId === c.id && x.comm === 'java')
  if (!p) throw new Error(`no java process in ${c.name}`)
  return p
}

const expected = { on: { heap: 0, processors: 0 }, off: { heap: 0, processors: 0 } }

describe('a real JVM in a container with -m 256m --cpus 1', () => {
  beforeAll(async () => {
    assertJava()
    const k = (kit = jvmKit())
    started.push(runContainer(names.on, [...SETUP, ...k.binds], k.command([])))
    started.push(runContainer(names.off, [...SETUP, ...k.binds], k.command([SUPPORT_OFF])))
    expected.on = { heap: printFlagsFinalMaxHeap(k, []), processors: await availableProcessors(names.on) }
    expected.off = { heap: printFlagsFinalMaxHeap(k, [SUPPORT_OFF]), processors: await availableProcessors(names.off) }
    snapshot = await snapshotJson()
    throughHelper = await snapshotJson(['--probe', 'helper'])
  }, 180_000)
  afterAll(() => {
    removeContainers(started)
    kit?.remove()
  })

  it('container support on: max heap and processors equal what the JVM says; no finding', () => {
    const c = container(names.on)
    const p = javaProcess(c)
    expect(p.problems.filter((x) => x.field === 'jvm')).toEqual([])
    expect(p.jvm).toMatchObject({ path: '/tmp/hsperfdata_root/1', containerSupport: true, maxHeapBytes: expected.on.heap })
    expect(jvmsInside(snapshot, c)[0]?.processors?.count).toBe(expected.on.processors)
    expect(expected.on.heap).toBeLessThan(256 * 1024 * 1024)
    expect(findingsFor(snapshot, c).some((f) => f.kind === 'jvm-heap-from-host')).toBe(false)
  })

  it('-XX:-UseContainerSupport: the heap follows the host; Glasshouse shows the same numbers and the finding', () => {
    const c = container(names.off)
    const p = javaProcess(c)
    expect(p.jvm).toMatchObject({ containerSupport: false, maxHeapBytes: expected.off.heap })
    expect(jvmsInside(snapshot, c)[0]?.processors?.count).toBe(expected.off.processors)
    // The trap reproduced: a quarter of the host's memory, far above the limit.
    expect(expected.off.heap).toBeGreaterThan(256 * 1024 * 1024)
    expect(findingsFor(snapshot, c).find((f) => f.kind === 'jvm-heap-from-host')).toMatchObject({ severity: 'high' })
  })

  it('the helper container reads the same JVM facts through /proc/<pid>/root', () => {
    expect(throughHelper.kernelReadBy?.source).toBe('helper')
    for (const name of [names.on, names.off]) {
      const inHelper = throughHelper.containers.find((x) => x.name === name)
      expect(inHelper, name).toBeDefined()
      expect(javaProcess(inHelper!, throughHelper).jvm).toEqual(javaProcess(container(name)).jvm)
    }
  })
})
