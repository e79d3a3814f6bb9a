// Recordings: those shipped with the app (assets/recordings: an index.json describing each, and for
// each a <name>.ndjson) and any recording file (`glasshouse record -o FILE`, or what `watch --json`
// printed). Both are read by shared/recording-format: a cut or corrupt file opens up to the fault.
import { existsSync, readFileSync, statSync } from 'node:fs'
import { basename, join } from 'node:path'
import type { Recording, RecordingInfo } from '../../shared/contract'
import { parseRecording, type ParsedRecording } from '../../shared/recording-format'
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

export function listRecordings(dir: string): RecordingInfo[] {
  const index = join(dir, 'index.json')
  if (!existsSync(index)) return []
  const parsed = JSON.parse(readFileSync(index, 'utf8')) as { recordings?: RecordingInfo[] }
  return (parsed.recordings ?? []).filter((r) => existsSync(join(dir, `${r.name}.ndjson`)))
}

export function openRecording(name: string, dir: string): Recording {
  const info = listRecordings(dir).find((r) => r.name === name)
  if (!info) throw new BackendError('not-found', `no recording named "${name}"`)
  return toRecording(info, readParsed(join(dir, `${name}.ndjson`), name))
}

/** A recording file given by path (the user chose it: `serve --recording FILE`, the desktop's Open dialog). */
export function openRecordingFile(path: string, name: string = fileRecordingName(path)): Recording {
  const parsed = readParsed(path, basename(path))
  return toRecording(fileRecordingInfo(path, name, parsed), parsed)
}

/** What the Recordings menu lists for a file, read from its header (or its first snapshot). */
export function describeRecordingFile(path: string, name: string = fileRecordingName(path)): RecordingInfo {
  return fileRecordingInfo(path, name, readParsed(path, basename(path)))
}

/** A name the contract accepts (lower-case letters, digits, dashes), from the file's name. */
export function fileRecordingName(path: string, index = 0): string {
  const stem = basename(path).replace(/\.[^.]*$/, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '')
  return `file-${index > 0 ? `${index}-` : ''}${stem || 'recording'}`.slice(0, 64).replace(/-+$/, '')
}

function fileRecordingInfo(path: string, name: string, parsed: ParsedRecording): RecordingInfo {
  const first = parsed.messages[0]
  const host = parsed.header?.host ?? (first?.type === 'snapshot' ? first.snapshot.host.hostname : 'an unknown host')
  const recordedAt = parsed.header?.startedAt ?? (first?.type === 'snapshot' ? first.snapshot.takenAt : '')
  const sizeMb = (statSync(path).size / 2 ** 20).toFixed(1)
  const how = parsed.header ? `Recorded with \`${parsed.header.command.join(' ')}\`` : 'A live stream without header (glasshouse watch --json)'
  const ended = parsed.end ? ` It ended: ${END_REASONS[parsed.end.reason]}.` : ''
  return {
    name,
    title: `${basename(path)} (${host})`,
    recordedAt,
    description: `${how}; ${parsed.messages.length} messages, ${sizeMb} MB.${ended}`,
    ...(parsed.fault ? { fault: faultText(parsed) } : {})
  }
}

function faultText(parsed: ParsedRecording): string {
  return `The file is damaged: ${parsed.fault?.message}. Shown up to the line before it.`
}

const END_REASONS: Record<string, string> = {
  duration: 'its --for time was up',
  'size-limit': 'it reached its --max-size bound',
  interrupted: 'stopped (Ctrl-C, or the Stop button in the app)',
  'write-failed': 'the disk refused a write'
}

function readParsed(path: string, label: string): ParsedRecording {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    throw new BackendError(code === 'ENOENT' ? 'not-found' : 'unavailable', `recording ${label} cannot be read: ${(error as Error).message}`)
  }
  const parsed = parseRecording(text)
  if (parsed.messages.length === 0) throw new BackendError('unavailable', `recording ${label} cannot be opened: ${parsed.fault?.message ?? 'it holds no snapshot'}`)
  return parsed
}

function toRecording(info: RecordingInfo, parsed: ParsedRecording): Recording {
  return {
    ...info,
    messages: parsed.messages,
    ...(parsed.header ? { header: parsed.header } : {}),
    ...(parsed.fault ? { fault: faultText(parsed) } : {})
  }
}
