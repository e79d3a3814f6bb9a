// Finding the app's root folder, and the shipped recordings below it, from wherever the code runs.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { findAppRoot } from '../../main/backend/app-root'
import { listRecordings, locateRecordings, openRecording } from '../../main/backend/recordings'

let scratch: string
beforeEach(() => {
  scratch = mkdtempSync(join(tmpdir(), 'glasshouse-root-'))
})
afterEach(() => rmSync(scratch, { recursive: true, force: true }))

function folder(...parts: string[]): string {
  const dir = join(scratch, ...parts)
  mkdirSync(dir, { recursive: true })
  return dir
}

describe('findAppRoot', () => {
  it('walks up from a bundled chunk to the folder whose package.json is named glasshouse', () => {
    writeFileSync(join(folder('node_modules', 'glasshouse'), 'package.json'), JSON.stringify({ name: 'glasshouse' }))
    const chunks = folder('node_modules', 'glasshouse', 'out', 'main', 'chunks')
    expect(findAppRoot(chunks)).toBe(join(scratch, 'node_modules', 'glasshouse'))
  })

  it('passes over package.json files of other packages and ones that do not parse', () => {
    writeFileSync(join(scratch, 'package.json'), JSON.stringify({ name: 'glasshouse' }))
    writeFileSync(join(folder('app'), 'package.json'), JSON.stringify({ name: 'someone-else' }))
    writeFileSync(join(folder('app', 'out'), 'package.json'), '{ not json')
    expect(findAppRoot(folder('app', 'out', 'main'))).toBe(scratch)
  })

  it('answers null when no glasshouse package is above', () => {
    expect(findAppRoot(folder('nowhere', 'deep'))).toBeNull()
  })
})

describe('locateRecordings', () => {
  it('finds assets/recordings of the package the code was started from', () => {
    writeFileSync(join(scratch, 'package.json'), JSON.stringify({ name: 'glasshouse' }))
    expect(locateRecordings(folder('out', 'main', 'chunks'))).toBe(join(scratch, 'assets', 'recordings'))
  })

  it('from the sources (tsx, vitest) it finds the repository, whose demo opens', () => {
    const dir = locateRecordings()
    expect(dir).toBe(resolve(__dirname, '../../assets/recordings'))
    const demo = listRecordings(dir!).find((r) => r.name === 'demo')
    expect(demo?.title).toMatch(/nine containers/)
    expect(openRecording('demo', dir!).messages[0]?.type).toBe('snapshot')
  })
})
