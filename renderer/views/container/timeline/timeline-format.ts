// How the timeline writes a value of each kind, and the readout of every lane at one sample.
import { formatBytes, formatCores } from '../../../../shared/format'
import type { Lane, LaneLine, MarkerKind, ValueKind } from '../../../selectors/limits-timeline'
import type { SeriesPoint } from '../../../store/live-data'

export function formatValue(kind: ValueKind, v: number | null): string {
  if (v === null || !Number.isFinite(v)) return '—'
  switch (kind) {
    case 'bytes':
      return formatBytes(v)
    case 'cores':
      return formatCores(Math.round(v * 100) / 100)
    case 'share':
      return `${Math.round(v * 100)}%`
    case 'percent':
      return `${v.toFixed(1)}%`
    default:
      return String(Math.round(v))
  }
}

/** "usage 12 MiB · working set 10 MiB · limit 64 MiB"; a limit line without a value says "none". */
export function laneReadout(lane: Lane, p: SeriesPoint | null): string {
  if (!p) return lane.note ?? 'no sample'
  return lane.lines.map((l) => lineReadout(lane, l, p)).join(' · ')
}

/** "usage 12 MiB"; a limit without a value is "limit none". */
export function lineReadout(lane: Lane, line: LaneLine, p: SeriesPoint): string {
  const v = line.value(p)
  return `${line.label} ${v === null && line.role === 'limit' ? 'none' : formatValue(lane.kind, v)}`
}

export const MARKER_GLYPH: Record<MarkerKind, string> = {
  oom: '✖',
  exit: '○',
  restart: '↻',
  docker: '◇',
  throttled: '◆',
  pids: '■',
  memory: '●'
}
