import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { jvmFromCounters } from '../../main/probe/hsperfdata-jvm'
import { parseHsperfdata } from '../../main/probe/hsperfdata-parse'

const fixture = (name: string): Buffer => readFileSync(join(__dirname, '../fixtures/hsperfdata', name))

describe('parseHsperfdata on files from a real JVM', () => {
  it('reads the prologue and every entry: longs and strings', () => {
    const file = parseHsperfdata(fixture('serial-support-on-256m'))
    expect(file).toMatchObject({ major: 2, minor: 0, accessible: true })
    expect(file.counters.size).toBe(182)
    expect(file.counters.get('sun.os.hrt.frequency')).toBe(1_000_000_000)
    expect(file.counters.get('sun.gc.policy.name')).toBe('Copy:MSC')
    expect(file.counters.get('java.property.java.vm.name')).toBe('OpenJDK 64-Bit Server VM')
    expect(file.counters.get('sun.gc.generation.0.maxCapacity')).toBe(44040192)
    expect(file.counters.get('sun.gc.generation.1.maxCapacity')).toBe(88080384)
  })

  it('refuses what is not an hsperfdata file, and a cut one, with a reason', () => {
    expect(() => parseHsperfdata(Buffer.from('hello world, not a JVM file at all'))).toThrow(/magic/)
    expect(() => parseHsperfdata(Buffer.alloc(8))).toThrow(/too short/)
    expect(() => parseHsperfdata(fixture('serial-support-on-256m').subarray(0, 2000))).toThrow(/entry \d+/)
  })
})

describe('jvmFromCounters: what the JVM decided', () => {
  it('container support on: Serial, max heap = young + old = PrintFlagsFinal MaxHeapSize', () => {
    const jvm = jvmFromCounters(parseHsperfdata(fixture('serial-support-on-256m')).counters)
    expect(jvm).toMatchObject({
      vmName: 'OpenJDK 64-Bit Server VM',
      vmVersion: '17.0.15+6-Debian-1deb12u1',
      gc: 'Serial',
      maxHeapBytes: 132120576,
      containerSupport: true,
      activeProcessorCountFlag: null,
      useContainerCpuShares: false
    })
  })

  it('-XX:-UseContainerSupport: G1, max heap from the old generation without its 8-byte padding', () => {
    const jvm = jvmFromCounters(parseHsperfdata(fixture('g1-support-off-256m')).counters)
    expect(jvm).toMatchObject({ gc: 'G1', maxHeapBytes: 6320816128, containerSupport: false })
    expect(jvm.vmArgs).toContain('-XX:-UseContainerSupport')
  })

  it('the last of repeated flags wins; the command line overrides the flags file', () => {
    const counters = new Map<string, string | number>([
      ['java.rt.vmArgs', '-XX:-UseContainerSupport -XX:ActiveProcessorCount=3 -XX:+UseContainerCpuShares'],
      ['java.rt.vmFlags', '+UseContainerSupport ActiveProcessorCount=5'],
      ['sun.gc.collector.0.name', 'Z concurrent cycle pauses'],
      ['sun.gc.generation.1.maxCapacity', 314572800]
    ])
    expect(jvmFromCounters(counters)).toMatchObject({ containerSupport: false, activeProcessorCountFlag: 3, useContainerCpuShares: true, gc: 'ZGC', maxHeapBytes: 314572800 })
    counters.set('java.rt.vmArgs', '-XX:-UseContainerSupport -XX:+UseContainerSupport -XX:ActiveProcessorCount=-1')
    expect(jvmFromCounters(counters)).toMatchObject({ containerSupport: true, activeProcessorCountFlag: null })
    counters.set('java.rt.vmArgs', '')
    counters.set('java.rt.vmFlags', '-UseContainerSupport ActiveProcessorCount=5')
    expect(jvmFromCounters(counters)).toMatchObject({ containerSupport: false, activeProcessorCountFlag: 5 })
  })
})
