// What a container changed against its image: GET /containers/{id}/changes (the daemon walks the
// container's writable layer, so this is asked only on request), with each file's size read from
// the overlay upper directory when this process can see it (root, on the daemon's machine).
import { lstatSync } from 'node:fs'
import type { EngineReads } from './engine-reads'
import type { ChangeKind, ContainerChange, ContainerChanges } from '../../shared/model'
import { describeDockerError } from './docker-errors'
import { engineGet } from './swarm-get'

/** The daemon's Kind numbers (pkg/archive ChangeType). */
const KINDS: Record<number, ChangeKind> = { 0: 'modified', 1: 'added', 2: 'deleted' }

export async function readChanges(docker: EngineReads, containerId: string, signal: AbortSignal, now: () => Date = () => new Date()): Promise<ContainerChanges> {
  const readAt = now().toISOString()
  let answer: unknown
  let upperDir: string | null = null
  try {
    const [changes, inspect] = await Promise.all([
      engineGet(docker, `/containers/${containerId}/changes`, signal),
      engineGet(docker, `/containers/${containerId}/json`, signal)
    ])
    answer = changes
    upperDir = upperDirOf(inspect)
  } catch (error) {
    return { readAt, changes: [], upperDir: null, problem: describeDockerError(error, `GET /containers/${containerId.slice(0, 12)}/changes`) }
  }
  // The daemon answers null (not []) when nothing changed.
  const list = Array.isArray(answer) ? answer : []
  const readable = upperDir !== null && isDirectory(upperDir)
  const changes = list
    .filter((c): c is { Path: string; Kind: number } => typeof c?.Path === 'string' && typeof c?.Kind === 'number')
    .map((c): ContainerChange => {
      const kind = KINDS[c.Kind] ?? 'modified'
      return { path: c.Path, kind, sizeBytes: readable && kind !== 'deleted' ? fileSize(`${upperDir}${c.Path}`) : null }
    })
    // The daemon's order follows its walk; by path, a directory comes before what it holds.
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
  const problem = upperDir === null ? 'no overlay upper directory in inspect (another storage driver): no sizes' : readable ? null : `${upperDir} is not readable here: no sizes`
  return { readAt, changes, upperDir: readable ? upperDir : null, problem }
}

function upperDirOf(inspect: unknown): string | null {
  const driver = (inspect as { GraphDriver?: { Data?: { UpperDir?: unknown } } } | null)?.GraphDriver
  const dir = driver?.Data?.UpperDir
  return typeof dir === 'string' && dir !== '' ? dir : null
}

function isDirectory(path: string): boolean {
  try {
    return lstatSync(path).isDirectory()
  } catch {
    return false
  }
}

/** Bytes of a regular file; null for directories, links and what cannot be read. */
function fileSize(path: string): number | null {
  try {
    const stat = lstatSync(path)
    return stat.isFile() ? stat.size : null
  } catch {
    return null
  }
}
