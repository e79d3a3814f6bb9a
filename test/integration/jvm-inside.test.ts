// The JVM inside, on the real daemon with a real JVM: OpenJDK 17 from this host, bound read-only into the
// busybox test image, in containers with -m 256m --cpus 1, once with -XX:-UseContainerSupport (the heap
// is sized from the host) and once without. What Glasshouse shows must equal what the JVM itself says in
// the same setup: MaxHeapSize from -XX:+PrintFlagsFinal, the processor count from
// Runtime.availableProcessors() (PrintFlagsFinal prints ActiveProcessorCount only when it is set: -1).
import { existsSync, mkdirSync, mkdtempSync, readdirSync, realpathSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { libraryBinds, type Bind } from '../../main/kernel/helper-binds'
import type { ContainerInfo, HostSnapshot, ProcessInfo } from '../../shared/model'
import { findingsFor } from '../../shared/selectors/findings'
import { jvmsInside } from '../../shared/selectors/jvm-inside'
import { snapshotJson } from './support/cli'
import { docker, removeContainers, runContainer, TEST_IMAGE, TEST_LABEL, testRun } from './support/docker'

const JRE = '/usr/lib/jvm/java-17-openjdk-amd64'
const JAVA = join(JRE, 'bin/java')
const SETUP = ['-m', '256m', '--cpus', '1']
const SUPPORT_OFF = '-XX:-UseContainerSupport'

const work = mkdtempSync(join(tmpdir(), 'glasshouse-jvm-'))
const started: string[] = []
const names = { on: `gh-jvm-on-${process.pid}`, off: `gh-jvm-off-${process.pid}` }
let snapshot: HostSnapshot

/**
 * The JRE folder, the folder its symlinks point into (/etc/java-17-openjdk on Debian), the shared libraries
 * of the launcher and of every library in the JRE (as ldd names them), an /etc/passwd naming root (without
 * one HotSpot cannot name its user and writes no hsperfdata file) and the program.
 */
function jvmBinds(): string[] {
  const jre = realpathSync(JRE)
  const libraries = [JAVA, ...readdirSync(join(jre, 'lib')).filter((f) => f.endsWith('.so')).map((f) => join(jre, 'lib', f)), join(jre, 'lib/server/libjvm.so')]
  const binds = new Map<string, Bind>()
  for (const lib of libraries) for (const b of libraryBinds(lib)) if (!b.target.startsWith(jre)) binds.set(b.target, b)
  binds.set(jre, { source: jre, target: jre })
  binds.set('/etc/java-17-openjdk', { source: '/etc/java-17-openjdk', target: '/etc/java-17-openjdk' })
  binds.set('/etc/passwd', { source: join(work, 'passwd'), target: '/etc/passwd' })
  binds.set('/app', { source: join(work, 'app'), target: '/app' })
  return [...binds.values()].flatMap((b) => ['-v', `${b.source}:${b.target}:ro`])
}

function prepare(): void {
  writeFileSync(join(work, 'passwd'), 'root:x:0:0:root:/root:/bin/sh\n')
  const app = join(work, 'app')
  mkdirSync(app)
  writeFileSync(
    join(app, 'Report.java'),
    'public class Report { public static void main(String[] a) throws Exception {\n' +
      '  System.out.println("availableProcessors=" + Runtime.getRuntime().availableProcessors());\n' +
      '  System.out.flush();\n' +
      '  Thread.sleep(Long.MAX_VALUE);\n' +
      '} }\n'
  )
}

/** MaxHeapSize as the JVM prints it in a container set up the same way. */
function printFlagsFinalMaxHeap(javaFlags: string[]): number {
  const out = docker('run', '--rm', '--label', `${TEST_LABEL}=${testRun()}`, ...SETUP, ...jvmBinds(), TEST_IMAGE, JAVA, ...javaFlags, '-XX:+PrintFlagsFinal', '-version')
  const match = /^\s*size_t MaxHeapSize\s+= (\d+)/m.exec(out)
  if (!match) throw new Error(`no MaxHeapSize in PrintFlagsFinal:\n${out.slice(0, 400)}`)
  return Number(match[1])
}

/** Waits for the program's line (it prints it once the JVM is up and has its perf file). */
async function availableProcessors(name: string): Promise<number> {
  for (;;) {
    const match = /availableProcessors=(\d+)/.exec(docker('logs', name))
    if (match) return Number(match[1])
    if (docker('inspect', '-f', '{{.State.Running}}', name) !== 'true') throw new Error(`${name} stopped: ${docker('logs', name)}`)
    await new Promise((r) => setTimeout(r, 250))
  }
}

function container(name: string): ContainerInfo {
  const c = snapshot.containers.find((x) => x.name === name)
  if (!c) throw new Error(`${name} is not in the snapshot`)
  return c
}

function javaProcess(c: ContainerInfo): ProcessInfo {
  const p = snapshot.processes.find((x) => x.containerId === c.id && x.comm === 'java')
  if (!p) throw new Error(`no java process in ${c.name}`)
  return p
}

const expected = { on: { heap: 0, processors: 0 }, off: { heap: 0, processors: 0 } }

describe.skipIf(!existsSync(JAVA))('a real JVM in a container with -m 256m --cpus 1', () => {
  beforeAll(async () => {
    prepare()
    started.push(runContainer(names.on, [...SETUP, ...jvmBinds()], [JAVA, '/app/Report.java']))
    started.push(runContainer(names.off, [...SETUP, ...jvmBinds()], [JAVA, SUPPORT_OFF, '/app/Report.java']))
    expected.on = { heap: printFlagsFinalMaxHeap([]), processors: await availableProcessors(names.on) }
    expected.off = { heap: printFlagsFinalMaxHeap([SUPPORT_OFF]), processors: await availableProcessors(names.off) }
    snapshot = await snapshotJson()
  }, 180_000)
  afterAll(() => {
    removeContainers(started)
    rmSync(work, { recursive: true, force: true })
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
})
