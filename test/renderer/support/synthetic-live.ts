// Synthetic samples and limit events for a snapshot's running containers: enough movement to
// draw sparklines, with a CPU throttling, an OOM kill and a pids-limit hit at known moments.
// Test and screenshot data only: the real recording comes from `glasshouse watch --json`.
import type { HistoryDump, HistoryPoint, Recording } from '../../../shared/contract'
import type { ContainerSample, LiveEvent, LiveMessage, SampleMessage } from '../../../shared/live'
import type { ContainerInfo, HostSnapshot } from '../../../shared/model'

const MiB = 1024 * 1024

export interface SyntheticOptions {
  /** Seconds of samples. */
  seconds?: number
  /** Epoch ms of the first sample. */
  start?: number
}

function wave(t: number, period: number, phase = 0): number {
  return (Math.sin((t / period) * Math.PI * 2 + phase) + 1) / 2
}

function sampleFor(c: ContainerInfo, t: number, seconds: number): ContainerSample {
  const limits = c.limits
  const base = c.usage?.memoryBytes ?? 4 * MiB
  let memory = base + wave(t, 40, c.name.length) * 6 * MiB
  let cores = 0.02 + wave(t, 25, c.name.length) * 0.08
  let periods: number | null = 10
  let throttled = 0
  let pids = c.usage?.pids ?? 1
  let oomKills = 0
  const oomAt = Math.round(seconds * 0.66)
  const pidsAt = Math.round(seconds * 0.8)
  if (c.name === 'web') {
    cores = Math.min(0.5, 0.3 + wave(t, 20) * 0.3)
    throttled = cores >= 0.5 ? 8 : cores > 0.45 ? 3 : 0
    if (t >= pidsAt && t < pidsAt + 6) pids = limits?.pidsMax ?? 50
  }
  if (c.name === 'batch') {
    // Memory climbs to the limit, the kernel kills, and it starts again.
    const limit = limits?.memoryBytes ?? 128 * MiB
    const cycle = t < oomAt ? t / oomAt : (t - oomAt) / oomAt
    memory = Math.min(limit, 16 * MiB + cycle * (limit - 10 * MiB))
    cores = 0.35 + wave(t, 12) * 0.4
    oomKills = t >= oomAt ? 1 : 0
  }
  if (limits?.cpuQuotaCores == null) {
    periods = null
  }
  return {
    id: c.id,
    cpu: { cores, quotaCores: limits?.cpuQuotaCores ?? null, periods, throttledPeriods: periods === null ? null : throttled, throttledSeconds: periods === null ? null : throttled * 0.05 },
    memory: {
      usageBytes: Math.round(memory),
      workingSetBytes: Math.round(memory * 0.82),
      limitBytes: limits?.memoryBytes ?? null,
      highBytes: null,
      peakBytes: null,
      swapBytes: 0,
      oomKills
    },
    pids: { current: pids, max: limits?.pidsMax ?? null, limitHits: c.name === 'web' && t >= pidsAt ? 1 : 0 },
    io: { readBytes: 0, writeBytes: 0, meaningful: false },
    pressure: { cpu: null, memory: null, io: null }
  }
}

export function syntheticSamples(snapshot: HostSnapshot, options: SyntheticOptions = {}): { samples: SampleMessage[]; events: LiveEvent[] } {
  const seconds = options.seconds ?? 120
  const start = options.start ?? Date.parse(snapshot.takenAt) + 1000
  const running = snapshot.containers.filter((c) => c.pid !== null && c.limits !== null)
  const samples: SampleMessage[] = []
  for (let t = 0; t < seconds; t++) {
    samples.push({
      type: 'sample',
      at: new Date(start + t * 1000).toISOString(),
      intervalMs: 1000,
      containers: running.map((c) => sampleFor(c, t, seconds)),
      self: { cpuCores: 0.004, rssBytes: 48 * MiB, readMs: 3.2 }
    })
  }
  const at = (t: number): string => new Date(start + t * 1000).toISOString()
  const web = running.find((c) => c.name === 'web')
  const batch = running.find((c) => c.name === 'batch')
  const events: LiveEvent[] = []
  if (web) {
    for (const t of [Math.round(seconds * 0.25), Math.round(seconds * 0.5)]) {
      events.push({
        type: 'event',
        kind: 'cpu-throttled',
        containerId: web.id,
        containerName: web.name,
        at: at(t),
        message: 'throttled in 8 of 10 periods (80%) at a 0.5-core quota',
        detail: { periods: 10, throttledPeriods: 8, quotaCores: 0.5 }
      })
    }
    events.push({
      type: 'event',
      kind: 'pids-limit',
      containerId: web.id,
      containerName: web.name,
      at: at(Math.round(seconds * 0.8)),
      message: 'a fork failed: 50 of 50 pids in use',
      detail: { current: 50, max: 50 }
    })
  }
  if (batch) {
    events.push({
      type: 'event',
      kind: 'oom-kill',
      containerId: batch.id,
      containerName: batch.name,
      at: at(Math.round(seconds * 0.66)),
      message: 'the kernel killed a process: memory reached the 128 MiB limit (1 OOM kill so far)',
      detail: { limitBytes: 128 * MiB, oomKills: 1 }
    })
  }
  return { samples, events }
}

export function syntheticHistory(snapshot: HostSnapshot, now = Date.now(), seconds = 120): HistoryDump {
  const { samples, events } = syntheticSamples(snapshot, { seconds, start: now - seconds * 1000 })
  const containers: Record<string, HistoryPoint[]> = {}
  for (const s of samples) {
    for (const c of s.containers) {
      ;(containers[c.id] ??= []).push({
        at: s.at,
        cpuCores: c.cpu.cores,
        memoryBytes: c.memory.usageBytes,
        workingSetBytes: c.memory.workingSetBytes,
        pids: c.pids.current,
        throttledShare: c.cpu.periods ? (c.cpu.throttledPeriods ?? 0) / c.cpu.periods : null
      })
    }
  }
  return { windowMs: 10 * 60 * 1000, containers, events }
}

/** A recording: the snapshot, then samples with the events at their moments. */
export function syntheticRecording(snapshot: HostSnapshot, seconds = 60): Recording {
  const { samples, events } = syntheticSamples(snapshot, { seconds })
  const messages: LiveMessage[] = [{ type: 'snapshot', snapshot }]
  const pending = [...events].sort((a, b) => Date.parse(a.at) - Date.parse(b.at))
  for (const s of samples) {
    while (pending[0] && Date.parse(pending[0].at) <= Date.parse(s.at)) messages.push(pending.shift() as LiveEvent)
    messages.push(s)
  }
  messages.push(...pending)
  return {
    name: 'varied-host',
    title: 'A host with seven varied containers',
    recordedAt: snapshot.takenAt,
    description: 'Limits, a shared network namespace, --pid host, seccomp unconfined, a nested PID namespace, docker.sock mounted, cap-drop ALL. Samples are synthetic.',
    messages
  }
}
