// What the app remembers between runs: window size and position, whether it was maximized,
// and the last view. A small JSON file (in userData by default); a
// missing, unreadable or tampered file just means the defaults. Pure Node, no Electron.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { isViewId, type ViewId } from './views'

export interface WindowBounds {
  width: number
  height: number
  x?: number
  y?: number
}

export interface WindowState {
  bounds: WindowBounds
  maximized: boolean
  lastView: ViewId | null
}

export interface Rectangle {
  x: number
  y: number
  width: number
  height: number
}

export const DEFAULT_WINDOW_STATE: WindowState = {
  bounds: { width: 1280, height: 800 },
  maximized: false,
  lastView: null
}

const MIN = { width: 640, height: 400 }
const MAX_EXTENT = 100_000

export function parseWindowState(raw: unknown): WindowState {
  const value = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>
  const b = (typeof value.bounds === 'object' && value.bounds !== null ? value.bounds : {}) as Record<string, unknown>
  const size = (n: unknown, min: number, fallback: number): number =>
    typeof n === 'number' && Number.isInteger(n) && n >= min && n <= MAX_EXTENT ? n : fallback
  const coordinate = (n: unknown): number | undefined =>
    typeof n === 'number' && Number.isInteger(n) && Math.abs(n) <= MAX_EXTENT ? n : undefined
  const bounds: WindowBounds = {
    width: size(b.width, MIN.width, DEFAULT_WINDOW_STATE.bounds.width),
    height: size(b.height, MIN.height, DEFAULT_WINDOW_STATE.bounds.height)
  }
  const x = coordinate(b.x)
  const y = coordinate(b.y)
  if (x !== undefined && y !== undefined) Object.assign(bounds, { x, y })
  return {
    bounds,
    maximized: value.maximized === true,
    lastView: isViewId(value.lastView) ? value.lastView : null
  }
}

/**
 * Keeps the window on a screen that exists now: a position on a monitor since unplugged is
 * dropped (the window manager then centres it), and a size larger than every screen shrinks.
 */
export function fitToDisplays(bounds: WindowBounds, workAreas: Rectangle[]): WindowBounds {
  if (workAreas.length === 0) return bounds
  const widest = Math.max(...workAreas.map((a) => a.width))
  const tallest = Math.max(...workAreas.map((a) => a.height))
  const size = { width: Math.min(bounds.width, widest), height: Math.min(bounds.height, tallest) }
  if (bounds.x === undefined || bounds.y === undefined) return size
  const { x, y } = bounds
  // Visible enough to grab: at least 100 px of the title bar lie on some screen.
  const visible = workAreas.some(
    (a) => Math.min(x + size.width, a.x + a.width) - Math.max(x, a.x) >= 100 && y >= a.y && y <= a.y + a.height - 40
  )
  return visible ? { ...size, x, y } : size
}

export function loadWindowState(path: string): WindowState {
  try {
    return parseWindowState(JSON.parse(readFileSync(path, 'utf8')))
  } catch {
    return { ...DEFAULT_WINDOW_STATE, bounds: { ...DEFAULT_WINDOW_STATE.bounds } }
  }
}

/** Writes atomically (temporary file, then rename), so a crash never leaves half a file. */
export function saveWindowState(path: string, state: WindowState): void {
  mkdirSync(dirname(path), { recursive: true })
  const temporary = `${path}.${process.pid}.tmp`
  writeFileSync(temporary, JSON.stringify(state, null, 2) + '\n', { mode: 0o600 })
  renameSync(temporary, path)
}

/** The state in memory, written to `path` at most every `delayMs` while it changes, and on flush. */
export class WindowStateStore {
  private state: WindowState
  private timer: NodeJS.Timeout | null = null

  constructor(
    private readonly path: string,
    private readonly delayMs = 500,
    private readonly onError: (error: unknown) => void = () => undefined
  ) {
    this.state = loadWindowState(path)
  }

  get(): WindowState {
    return this.state
  }

  update(patch: Partial<WindowState>): void {
    this.state = parseWindowState({ ...this.state, ...patch })
    if (this.timer === null) {
      this.timer = setTimeout(() => this.flush(), this.delayMs)
      this.timer.unref()
    }
  }

  flush(): void {
    if (this.timer !== null) clearTimeout(this.timer)
    this.timer = null
    try {
      saveWindowState(this.path, this.state)
    } catch (error) {
      this.onError(error)
    }
  }
}
