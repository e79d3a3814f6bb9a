// One frame of `glasshouse watch` in a terminal: like top, one row per running container,
// sorted by CPU, with bars against each limit and a marker where a limit bit recently.
import type { LiveEvent, SampleMessage } from '../../shared/live'
import type { EngineState, HostSnapshot } from '../../shared/model'
import { formatBytes } from '../../shared/format'

export interface WatchFrameInput {
  snapshot: HostSnapshot
  sample: SampleMessage | null
  events: readonly LiveEvent[]
  engine: EngineState
  intervalMs: number
  width: number
  height: number
  now: Date
}

const BAR_WIDTH = 10
const RECENT_MS = 60_000
const MARKERS: Record<string, string> = {
  'oom-kill': 'OOM KILL',
  'cpu-throttled': 'THROTTLED',
  'pids-limit': 'PIDS FULL',
  'memory-pressure': 'MEM ≥90%'
}

/** ▕████░░░░░░▏ for a fraction 0..1; empty dots when there is no limit to measure against. */
export function bar(fraction: number | null): string {
  if (fraction === null || !Number.isFinite(fraction)) return `▕${'·'.repeat(BAR_WIDTH)}▏`
  const filled = Math.max(0, Math.min(BAR_WIDTH, Math.round(fraction * BAR_WIDTH)))
  return `▕${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)}▏`
}

export function renderWatchFrame(input: WatchFrameInput): string {
  const { snapshot, sample } = input
  const byId = new Map((sample?.containers ?? []).map((c) => [c.id, c]))
  const running = snapshot.containers.filter((c) => c.pid !== null)
  const rows = running
    .map((c) => ({ c, s: byId.get(c.id) }))
    .sort((a, b) => (b.s?.cpu.cores ?? -1) - (a.s?.cpu.cores ?? -1) || (a.c.name < b.c.name ? -1 : 1))

  const engine = input.engine.reachable ? 'engine connected' : `engine unreachable (${input.engine.error})`
  const cost = sample ? ` · watching costs ${(sample.self.cpuCores * 100).toFixed(1)}% of one core` : ''
  const lines = [
    `glasshouse watch · ${running.length} running containers · every ${input.intervalMs / 1000} s · ${engine}${cost}`,
    'CPU in cores (1.0 = one full core) against the quota; memory = working set (usage − inactive file cache) against the limit.',
    '',
    `${'NAME'.padEnd(20)} ${'CPU'.padEnd(26)} ${'MEMORY'.padEnd(34)} ${'PIDS'.padEnd(12)} LIMITS HIT (last minute)`
  ]
  const recent = input.events.filter((e) => input.now.getTime() - Date.parse(e.at) < RECENT_MS)
  const room = Math.max(1, input.height - lines.length - 8)
  for (const { c, s } of rows.slice(0, room)) {
    const cores = s?.cpu.cores ?? null
    const quota = s?.cpu.quotaCores ?? c.limits?.cpuQuotaCores ?? null
    const cpuFraction = cores === null ? null : cores / (quota ?? snapshot.host.cpus)
    const cpu = `${cores === null ? '  …  ' : cores.toFixed(2).padStart(5)} ${bar(cpuFraction)} ${quota === null ? 'no quota' : `of ${quota}`}`
    const used = s?.memory.workingSetBytes ?? null
    const limit = s?.memory.limitBytes ?? c.limits?.memoryBytes ?? null
    const memory = `${(used === null ? '…' : formatBytes(used)).padStart(9)} ${bar(used === null || limit === null ? null : used / limit)} ${limit === null ? 'no limit' : formatBytes(limit)}`
    const pidsMax = s?.pids.max ?? c.limits?.pidsMax ?? null
    const pids = `${s?.pids.current ?? '…'} / ${pidsMax ?? '∞'}`
    const hits = [...new Set(recent.filter((e) => e.containerId === c.id && MARKERS[e.kind]).map((e) => MARKERS[e.kind]))]
    lines.push(`${c.name.slice(0, 20).padEnd(20)} ${cpu.padEnd(26)} ${memory.padEnd(34)} ${pids.padEnd(12)} ${hits.join(' ')}`)
  }
  if (rows.length > room) lines.push(`… and ${rows.length - room} more (enlarge the terminal to see them)`)
  if (rows.length === 0) lines.push('No running containers.')

  lines.push('', 'Recent events:')
  const shown = input.events.slice(-5)
  if (shown.length === 0) lines.push('  none yet')
  for (const e of shown) lines.push(`  ${e.at.slice(11, 19)}  ${e.containerName}  ${e.kind}: ${e.message}`)
  lines.push('', 'Ctrl-C to quit.')
  return lines.map((line) => (line.length > input.width ? line.slice(0, input.width - 1) + '…' : line)).join('\n')
}
