import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { isJavaProcess, readJvm } from '../../main/probe/hsperfdata-read'

// A /proc-shaped tree: the real JVM is exercised in test/integration/jvm-inside.test.ts.
const roots: string[] = []
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true })
})

function procRoot(): string {
  const root = mkdtempSync(join(tmpdir(), 'glasshouse-hsperf-'))
  roots.push(root)
  return root
}

const fixture = join(__dirname, '../fixtures/hsperfdata/serial-support-on-256m')

describe('readJvm', () => {
  it('finds /tmp/hsperfdata_<user>/<pid inside> under /proc/<pid>/root and counts the affinity CPUs', () => {
    const root = procRoot()
    mkdirSync(join(root, '4242/root/tmp/hsperfdata_app'), { recursive: true })
    mkdirSync(join(root, '4242/root/tmp/hsperfdata_root'), { recursive: true })
    copyFileSync(fixture, join(root, '4242/root/tmp/hsperfdata_app/7'))
    writeFileSync(join(root, '4242/status'), 'Name:\tjava\nCpus_allowed:\t3\nCpus_allowed_list:\t0-1,5\n')
    const { jvm, problem } = readJvm(root, { pid: 4242, nspid: [4242, 7] })
    expect(problem).toBeNull()
    expect(jvm).toMatchObject({ path: '/tmp/hsperfdata_app/7', gc: 'Serial', maxHeapBytes: 132120576, affinityCpus: 3 })
  })

  it('no file for that pid: a Problem that says why it may be absent', () => {
    const root = procRoot()
    mkdirSync(join(root, '4242/root/tmp/hsperfdata_root'), { recursive: true })
    copyFileSync(fixture, join(root, '4242/root/tmp/hsperfdata_root/1'))
    const { jvm, problem } = readJvm(root, { pid: 4242, nspid: [4242, 8] })
    expect(jvm).toBeNull()
    expect(problem).toMatchObject({ field: 'jvm', reason: 'missing' })
    expect(problem?.message).toMatch(/UsePerfData/)
  })

  it('a corrupt file is malformed, a vanished process exited: never a throw', () => {
    const root = procRoot()
    mkdirSync(join(root, '4242/root/tmp/hsperfdata_root'), { recursive: true })
    writeFileSync(join(root, '4242/root/tmp/hsperfdata_root/1'), 'not perf data, just text')
    expect(readJvm(root, { pid: 4242, nspid: [4242, 1] }).problem).toMatchObject({ field: 'jvm', reason: 'malformed' })
    expect(readJvm(root, { pid: 999, nspid: [999, 1] }).problem).toMatchObject({ field: 'jvm', reason: 'exited' })
    mkdirSync(join(root, '5000/root'), { recursive: true })
    expect(readJvm(root, { pid: 5000, nspid: [5000, 1] }).problem).toMatchObject({ field: 'jvm', reason: 'missing' })
  })

  it('detects Java by the launcher name', () => {
    expect(isJavaProcess({ comm: 'java' })).toBe(true)
    expect(isJavaProcess({ comm: 'javac' })).toBe(false)
  })
})
