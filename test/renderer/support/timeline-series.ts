// Series points for the limits timeline's tests: samples with CFS counts, pids, memory and PSI set per case.
import type { ContainerSample } from '../../../shared/live'
import { pointFromSample, type SeriesPoint } from '../../../renderer/store/live-data'

export const T0 = Date.parse('2026-12-07T06:00:00Z')
export const MiB = 2 ** 20

export function sample(over: { cores?: number; periods?: number | null; throttled?: number | null; pids?: number; forks?: number; memory?: number | null; psiCpu?: number | null; quota?: number | null; high?: number | null; highEvents?: number | null; maxEvents?: number | null } = {}): ContainerSample {
  return {
    id: 'c1',
    cpu: { cores: over.cores ?? 0.2, quotaCores: over.quota === undefined ? 0.2 : over.quota, periods: over.periods === undefined ? 10 : over.periods, throttledPeriods: over.throttled === undefined ? 8 : over.throttled, throttledSeconds: 0.5 },
    memory: { usageBytes: over.memory === undefined ? 20 * MiB : over.memory, workingSetBytes: 15 * MiB, limitBytes: 64 * MiB, highBytes: over.high ?? null, peakBytes: null, swapBytes: null, oomKills: 0, highEvents: over.highEvents ?? null, maxEvents: over.maxEvents ?? null },
    pids: { current: over.pids ?? 3, max: 4, limitHits: over.forks ?? 0 },
    io: { readBytes: 0, writeBytes: 0, meaningful: false },
    pressure: { cpu: over.psiCpu ?? null, memory: null, io: null }
  }
}

export function series(samples: Array<[number, ContainerSample]>): SeriesPoint[] {
  return samples.map(([sec, s]) => pointFromSample(new Date(T0 + sec * 1000).toISOString(), s))
}

