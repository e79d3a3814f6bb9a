// From a JVM's perf counters to what it decided (see docs/kernel-notes.md, "The JVM inside", for the
// counters measured on OpenJDK 17). Pure.
import type { JvmInfo } from '../../shared/model'
import type { PerfCounterValue } from './hsperfdata-parse'

/** The JvmInfo fields the counters give; path and affinityCpus come from the reader. */
export type JvmCounters = Omit<JvmInfo, 'path' | 'affinityCpus'>

export function jvmFromCounters(counters: ReadonlyMap<string, PerfCounterValue>): JvmCounters {
  const text = (name: string): string | null => {
    const v = counters.get(name)
    return typeof v === 'string' ? v : null
  }
  const vmArgs = [text('java.rt.vmArgs'), text('java.rt.vmFlags')].filter((s) => s).join(' ')
  // The flags file (-XX:Flags=…, lines without -XX:) is read before the command line, which overrides it.
  const fromFile = (text('java.rt.vmFlags') ?? '').split(/\s+/).filter((t) => t).map((t) => `-XX:${t}`)
  const ordered = [...fromFile, text('java.rt.vmArgs') ?? ''].join(' ')
  const gc = gcFamily(counters)
  const containerSupport = lastBooleanFlag(ordered, 'UseContainerSupport') ?? true
  const processorFlag = /(?:^|\s)-XX:ActiveProcessorCount=(-?\d+)(?=\s|$)/g
  let activeProcessorCountFlag: number | null = null
  for (const m of ordered.matchAll(processorFlag)) activeProcessorCountFlag = Number(m[1])
  return {
    vmName: text('java.property.java.vm.name'),
    vmVersion: text('java.property.java.vm.version'),
    gc,
    maxHeapBytes: maxHeap(counters, gc),
    containerSupport,
    // -1 (the default) means "not set": HotSpot then counts the CPUs itself.
    activeProcessorCountFlag: activeProcessorCountFlag !== null && activeProcessorCountFlag > 0 ? activeProcessorCountFlag : null,
    useContainerCpuShares: lastBooleanFlag(ordered, 'UseContainerCpuShares') ?? false,
    vmArgs
  }
}

/** The last -XX:+Name / -XX:-Name wins, as on HotSpot's command line. */
function lastBooleanFlag(vmArgs: string, name: string): boolean | null {
  let value: boolean | null = null
  for (const m of vmArgs.matchAll(new RegExp(`(?:^|\\s)-XX:([+-])${name}(?=\\s|$)`, 'g'))) value = m[1] === '+'
  return value
}

const GC_BY_FIRST_WORD: Record<string, string> = { Serial: 'Serial', Parallel: 'Parallel', G1: 'G1', Shenandoah: 'Shenandoah', Z: 'ZGC' }

/** Collector names start with the family: "G1 young collection pauses", "Z concurrent cycle pauses". */
function gcFamily(counters: ReadonlyMap<string, PerfCounterValue>): string | null {
  for (const [name, value] of counters) {
    if (!/^sun\.gc\.collector\.\d+\.name$/.test(name) || typeof value !== 'string') continue
    const family = GC_BY_FIRST_WORD[value.split(' ')[0] ?? '']
    if (family) return family
  }
  return null
}

/** G1 regions are at least 1 MiB: the heap's maximum is a whole number of them. */
const G1_MIN_REGION = 1024 * 1024

/**
 * Serial and Parallel split the heap: young max + old max = MaxHeapSize. Shenandoah and ZGC publish
 * one generation holding it all (Shenandoah's young is 0). G1 gives each generation the whole heap
 * padded by an object alignment (8 bytes, so jstat never divides by 0): the old generation's maximum
 * rounded down to a region.
 */
function maxHeap(counters: ReadonlyMap<string, PerfCounterValue>, gc: string | null): number | null {
  const generations: number[] = []
  for (const [name, value] of counters) {
    if (/^sun\.gc\.generation\.\d+\.maxCapacity$/.test(name) && typeof value === 'number') generations.push(value)
  }
  if (generations.length === 0) return null
  if (gc === 'G1') {
    const largest = Math.max(...generations)
    return largest - (largest % G1_MIN_REGION)
  }
  return generations.reduce((sum, v) => sum + v, 0)
}
