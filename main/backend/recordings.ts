// Recordings shipped with the app (assets/recordings): an index.json describing each, and for
// each a <name>.ndjson that is exactly what `glasshouse watch --json` printed while recording.
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Recording, RecordingInfo } from '../../shared/contract'
import type { LiveMessage } from '../../shared/live'
import { findAppRoot } from './app-root'
import { BackendError } from './backend'

/** Where the recordings live inside the app's root folder (electron-builder.yml and package.json "files" ship it). */
export const RECORDINGS_PATH = join('assets', 'recordings')

/**
 * The shipped recordings folder, found from the running code's folder (out/main/chunks/ once
 * bundled, main/backend/ under tsx or vitest); null when no Glasshouse package root is above it.
 */
export function locateRecordings(startDir: string = codeDir()): string | null {
  const root = findAppRoot(startDir)
  return root === null ? null : join(root, RECORDINGS_PATH)
}

function codeDir(): string {
  return typeof __dirname === 'string' ? __dirname : process.cwd()
}

const MESSAGE_TYPES = new Set(['snapshot', 'patch', 'sample', 'event', 'engine'])

export function listRecordings(dir: string): RecordingInfo[] {
  const index = join(dir, 'index.json')
  if (!existsSync(index)) return []
  const parsed = JSON.parse(readFileSync(index, 'utf8')) as { recordings?: RecordingInfo[] }
  return (parsed.recordings ?? []).filter((r) => existsSync(join(dir, `${r.name}.ndjson`)))
}

export function openRecording(name: string, dir: string): Recording {
  const info = listRecordings(dir).find((r) => r.name === name)
  if (!info) throw new BackendError('not-found', `no recording named "${name}"`)
  const messages: LiveMessage[] = []
  const lines = readFileSync(join(dir, `${name}.ndjson`), 'utf8').split('\n')
  for (const [index, line] of lines.entries()) {
    if (line.trim() === '') continue
    const message = JSON.parse(line) as LiveMessage
    if (!MESSAGE_TYPES.has(message.type)) throw new BackendError('internal', `recording ${name}, line ${index + 1}: unknown message type`)
    messages.push(message)
  }
  if (messages[0]?.type !== 'snapshot') throw new BackendError('internal', `recording ${name} does not start with a snapshot`)
  return { ...info, messages }
}
