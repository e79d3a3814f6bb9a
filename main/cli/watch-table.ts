// One frame of `glasshouse watch` in a terminal: like top, one row per running container, with bars
// against each limit and a marker where a limit bit recently. Containers a limit hit in the last
// minute come first (an OOM kill before anything else), so an idle container whose process was just
// OOM-killed does not sink below the busy ones; then the busiest CPU first. The table fits the width.
import type { SampleMessage } from '../../shared/live'
import type { ContainerInfo, EngineState, HostSnapshot } from '../../shared/model'
import { cpuCell, fit, fitColumns, memoryCell, pidsCell, type Columns } from './watch-columns'
import { formatEventLines, isOomKind, newestEventLines, type EventLine } from './watch-events'

export { bar } from './watch-columns'

export interface WatchFrameInput {
  snapshot: HostSnapshot
  sample: SampleMessage | null
  /** Recent events, oldest first (see recordEvent). */
  events: readonly EventLine[]
  engine: EngineState
  intervalMs: number
  width: number
  height: number
  now: Date
}

const RECENT_MS = 60_000
const EVENT_LINES = 5
/** Most severe first; long and short forms for narrow terminals. */
const MARKERS: ReadonlyArray<{ kind: EventLine['kind']; long: string; short: string }> = [
  { kind: 'oom-kill', long: 'OOM KILL', short: 'OOM' },
  { kind: 'container-oom', long: 'OOM', short: 'OOM' },
  { kind: 'pids-limit', long: 'PIDS FULL', short: 'PIDS' },
  { kind: 'memory-pressure', long: 'MEM ≥90%', short: 'MEM' },
  { kind: 'cpu-throttled', long: 'THROTTLED', short: 'THR' }
]

interface Row {
  container: ContainerInfo
  sample: SampleMessage['containers'][number] | undefined
  /** The kinds of limit hit in the last minute. */
  hits: ReadonlySet<EventLine['kind']>
}

/** How the kernel was read (issue 10), short: the reason is printed once on stderr. */
function kernelReadBy(readBy: NonNullable<HostSnapshot['kernelReadBy']>): string {
  if (readBy.lost) return 'kernel helper stopped, starting a new one'
  if (readBy.source === 'helper' && readBy.place) return `${readBy.place}, read by a helper container`
  return readBy.source === 'helper' ? 'kernel read by a helper container' : 'kernel read in-process'
}

export function renderWatchFrame(input: WatchFrameInput): string {
  const { snapshot, sample, width } = input
  const columns = fitColumns(width)
  const rows = rankRows(snapshot, sample, recentHits(input.events, input.now))
  const engine = input.engine.reachable ? 'engine connected' : `engine unreachable (${input.engine.error})`
  const heading = [
    'glasshouse watch',
    `${rows.length} running containers`,
    `every ${input.intervalMs / 1000} s`,
    engine,
    ...(snapshot.kernelReadBy ? [kernelReadBy(snapshot.kernelReadBy)] : []),
    ...(sample ? [`watching costs ${(sample.self.cpuCores * 100).toFixed(1)}% of one core`] : [])
  ]
  const lines = [
    ...joinWrapped(heading, ' · ', width),
    ...wrapWords('CPU in cores (1.0 = one full core) against the quota; memory = working set (usage − inactive file cache) against the limit.', width),
    '',
    headerRow(columns)
  ]
  const room = Math.max(1, input.height - lines.length - 8)
  for (const row of rows.slice(0, room)) lines.push(tableRow(columns, row, snapshot.host.cpus))
  if (rows.length > room) lines.push(`… and ${rows.length - room} more (enlarge the terminal to see them)`)
  if (rows.length === 0) lines.push('No running containers.')

  lines.push('', 'Recent events (newest first):')
  const shown = newestEventLines(input.events, EVENT_LINES, input.now)
  if (shown.length === 0) lines.push('  none yet')
  lines.push(...formatEventLines(shown))
  lines.push('', 'Ctrl-C to quit.')
  return lines.map((line) => (line.length > width ? fit(line, width) : line)).join('\n')
}

/** Per container, the kinds of limit hit whose newest event is less than a minute old. */
function recentHits(events: readonly EventLine[], now: Date): Map<string, Set<EventLine['kind']>> {
  const hits = new Map<string, Set<EventLine['kind']>>()
  for (const e of events) {
    if (!MARKERS.some((m) => m.kind === e.kind) || now.getTime() - Date.parse(e.lastAt) >= RECENT_MS) continue
    let kinds = hits.get(e.containerId)
    if (!kinds) hits.set(e.containerId, (kinds = new Set()))
    kinds.add(e.kind)
  }
  return hits
}

/** Running containers: an OOM in the last minute first, then any other limit hit, then the rest; busiest CPU first within each. */
function rankRows(snapshot: HostSnapshot, sample: SampleMessage | null, hits: Map<string, Set<EventLine['kind']>>): Row[] {
  const byId = new Map((sample?.containers ?? []).map((c) => [c.id, c]))
  const rank = (row: Row): number => ([...row.hits].some(isOomKind) ? 0 : row.hits.size > 0 ? 1 : 2)
  return snapshot.containers
    .filter((c) => c.pid !== null)
    .map((container) => ({ container, sample: byId.get(container.id), hits: hits.get(container.id) ?? new Set<EventLine['kind']>() }))
    .sort(
      (a, b) =>
        rank(a) - rank(b) ||
        (b.sample?.cpu.cores ?? -1) - (a.sample?.cpu.cores ?? -1) ||
        (a.container.name < b.container.name ? -1 : a.container.name > b.container.name ? 1 : 0)
    )
}

function headerRow(columns: Columns): string {
  const limits = ['LIMITS HIT (last minute)', 'LIMITS HIT', 'LIMITS', 'HITS'].find((h) => h.length <= columns.limits) ?? 'HITS'
  const pids = columns.layout.pids ? [fit('PIDS', columns.pids)] : []
  return [fit('NAME', columns.name), fit('CPU', columns.cpu), fit('MEMORY', columns.memory), ...pids, limits].join(' ')
}

function tableRow(columns: Columns, row: Row, hostCpus: number): string {
  const { container: c, sample: s } = row
  const { layout } = columns
  const quota = s?.cpu.quotaCores ?? c.limits?.cpuQuotaCores ?? null
  const cpu = cpuCell(layout, s?.cpu.cores ?? null, quota, hostCpus)
  const memory = memoryCell(layout, s?.memory.workingSetBytes ?? null, s?.memory.limitBytes ?? c.limits?.memoryBytes ?? null)
  const pids = layout.pids ? [fit(pidsCell(layout, s?.pids.current ?? null, s?.pids.max ?? c.limits?.pidsMax ?? null), columns.pids)] : []
  const markers = MARKERS.filter((m) => row.hits.has(m.kind) && !(m.kind === 'container-oom' && row.hits.has('oom-kill')))
  const long = markers.map((m) => m.long).join(' ')
  const hits = long.length <= columns.limits ? long : markers.map((m) => m.short).join(',')
  return [fit(c.name, columns.name), fit(cpu, columns.cpu), fit(memory, columns.memory), ...pids, fit(hits, columns.limits)].join(' ').trimEnd()
}

/** Parts joined by `separator`, starting a new line where the next part would not fit. */
function joinWrapped(parts: readonly string[], separator: string, width: number): string[] {
  const lines: string[] = []
  let current = ''
  for (const part of parts) {
    if (current === '') current = part
    else if (current.length + separator.length + part.length <= width) current += separator + part
    else {
      lines.push(current)
      current = part
    }
  }
  if (current !== '') lines.push(current)
  return lines
}

function wrapWords(text: string, width: number): string[] {
  return joinWrapped(text.split(' '), ' ', width)
}
