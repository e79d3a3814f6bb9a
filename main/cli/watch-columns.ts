// The columns of `glasshouse watch`'s table and how they narrow to fit a terminal: first shorter bars
// and names, then compact numbers, then no bars, and in a very narrow terminal no PIDS column. The
// LIMITS HIT column is never dropped: it takes what is left, with short markers when the long ones
// do not fit.
import { formatBytes } from '../../shared/format'

export interface Layout {
  name: number
  /** Bar width in cells inside ▕▏; 0 = no bars. */
  bar: number
  /** "32M/64M" instead of "32 MiB … 64 MiB". */
  compact: boolean
  /** Whether the PIDS column is shown (only the narrowest layout goes without). */
  pids: boolean
  /** The least room the LIMITS HIT column needs for this layout to be chosen. */
  limitsMin: number
}

/** Widest first; the first that fits the terminal is used. */
export const LAYOUTS: readonly Layout[] = [
  { name: 20, bar: 10, compact: false, pids: true, limitsMin: 24 },
  { name: 16, bar: 5, compact: false, pids: true, limitsMin: 14 },
  { name: 14, bar: 5, compact: true, pids: true, limitsMin: 14 },
  { name: 12, bar: 0, compact: true, pids: true, limitsMin: 12 },
  { name: 8, bar: 0, compact: true, pids: false, limitsMin: 4 }
]
/** Below the narrowest layout the names give way, down to this. */
const MIN_NAME = 4
const PIDS_WIDTH = { full: 11, compact: 9 }

export interface Columns {
  layout: Layout
  name: number
  cpu: number
  memory: number
  pids: number
  limits: number
}

export function cpuWidth(layout: Layout): number {
  if (layout.compact) return layout.bar > 0 ? 5 + 1 + (layout.bar + 2) + 1 + 4 : 10
  return 5 + (layout.bar > 0 ? layout.bar + 4 : 1) + 8
}

export function memoryWidth(layout: Layout): number {
  if (layout.compact) return layout.bar > 0 ? 5 + 1 + (layout.bar + 2) + 1 + 5 : 11
  return 9 + (layout.bar > 0 ? layout.bar + 4 : 1) + 10
}

/** The widest layout that leaves its LIMITS HIT column enough room in `width` cells. */
export function fitColumns(width: number): Columns {
  const columnsOf = (layout: Layout, name = layout.name): Columns => {
    const cpu = cpuWidth(layout)
    const memory = memoryWidth(layout)
    const pids = !layout.pids ? 0 : layout.compact ? PIDS_WIDTH.compact : PIDS_WIDTH.full
    // One space after each column before LIMITS HIT.
    const spaces = layout.pids ? 4 : 3
    return { layout, name, cpu, memory, pids, limits: width - (name + cpu + memory + pids + spaces) }
  }
  for (const layout of LAYOUTS) {
    const columns = columnsOf(layout)
    if (columns.limits >= layout.limitsMin) return columns
  }
  const narrowest = LAYOUTS[LAYOUTS.length - 1]!
  const others = columnsOf(narrowest, 0)
  const name = Math.max(MIN_NAME, others.limits - narrowest.limitsMin)
  return columnsOf(narrowest, name)
}

/** ▕████░░░░░░▏ for a fraction 0..1; empty dots when there is no limit to measure against. */
export function bar(fraction: number | null, width = 10): string {
  if (fraction === null || !Number.isFinite(fraction)) return `▕${'·'.repeat(width)}▏`
  const filled = Math.max(0, Math.min(width, Math.round(fraction * width)))
  return `▕${'█'.repeat(filled)}${'░'.repeat(width - filled)}▏`
}

/** 33554432 → "32M", 1610612736 → "1.5G": binary units in at most five characters. */
export function shortBytes(bytes: number): string {
  const units = ['B', 'K', 'M', 'G', 'T', 'P']
  let value = bytes
  let unit = 0
  while (unit < units.length - 1 && (value >= 1024 || Math.round(value) >= 1000)) {
    value /= 1024
    unit++
  }
  const text = value < 10 && unit > 0 ? value.toFixed(1).replace(/\.0$/, '') : String(Math.round(value))
  return `${text}${units[unit]}`
}

/** "0.5", "2", "0.25": a quota in cores, short. */
function shortCores(cores: number): string {
  return String(Number(cores.toFixed(2)))
}

export function cpuCell(layout: Layout, cores: number | null, quota: number | null, hostCpus: number): string {
  const used = cores === null ? '…' : cores.toFixed(2)
  const fraction = cores === null ? null : cores / (quota ?? hostCpus)
  if (layout.compact) {
    const of = quota === null ? '∞' : shortCores(quota)
    return layout.bar > 0 ? `${used.padStart(5)} ${bar(fraction, layout.bar)} ${of}` : `${used}/${of}`
  }
  const of = quota === null ? 'no quota' : `of ${shortCores(quota)}`
  return layout.bar > 0 ? `${used.padStart(5)} ${bar(fraction, layout.bar)} ${of}` : `${used.padStart(5)} ${of}`
}

export function memoryCell(layout: Layout, used: number | null, limit: number | null): string {
  const fraction = used === null || limit === null ? null : used / limit
  if (layout.compact) {
    const usedText = used === null ? '…' : shortBytes(used)
    const limitText = limit === null ? '∞' : shortBytes(limit)
    return layout.bar > 0 ? `${usedText.padStart(5)} ${bar(fraction, layout.bar)} ${limitText}` : `${usedText}/${limitText}`
  }
  const usedText = (used === null ? '…' : formatBytes(used)).padStart(9)
  const limitText = limit === null ? 'no limit' : formatBytes(limit)
  return layout.bar > 0 ? `${usedText} ${bar(fraction, layout.bar)} ${limitText}` : `${usedText} ${limitText}`
}

export function pidsCell(layout: Layout, current: number | null, max: number | null): string {
  const sep = layout.compact ? '/' : ' / '
  return `${current ?? '…'}${sep}${max ?? '∞'}`
}

/** The text padded or cut (with …) to exactly `width` cells. */
export function fit(text: string, width: number): string {
  if (width <= 0) return ''
  return text.length > width ? `${text.slice(0, width - 1)}…` : text.padEnd(width)
}
