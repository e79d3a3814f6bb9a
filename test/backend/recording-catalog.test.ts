// The recordings a backend offers: files named at start (serve --recording) come first and open by
// the name given them; nothing else is read, whatever name a request sends.
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { BackendError } from '../../main/backend/backend'
import { RecordingCatalog } from '../../main/backend/recording-catalog'
import { serveCommand } from '../../main/cli/serve-command'
import { fakeBackend } from '../support/fake-backend'

const SHIPPED = resolve(__dirname, '../../assets/recordings')
const dir = mkdtempSync(join(tmpdir(), 'glasshouse-catalog-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('RecordingCatalog', () => {
  it('lists the named files first, then the shipped ones, and opens each by its name', () => {
    const file = join(dir, 'Run 1.ndjson')
    copyFileSync(join(SHIPPED, 'demo.ndjson'), file)
    const catalog = new RecordingCatalog(SHIPPED, [file])
    expect(catalog.list().map((r) => r.name)).toEqual(['file-run-1', 'demo'])
    expect(catalog.openAtStart()).toEqual({ openRecording: 'file-run-1' })
    expect(catalog.open('file-run-1').messages[0]?.type).toBe('snapshot')
    expect(catalog.open('demo').title).toMatch(/nine containers/)
    expect(() => catalog.open('file-etc-passwd')).toThrow(BackendError)
  })

  it('refuses at start a file that holds no snapshot, saying which line', () => {
    const bad = join(dir, 'bad.ndjson')
    writeFileSync(bad, '{"type":"sample","at":"2026-01-01T00:00:00Z"}\n')
    expect(() => new RecordingCatalog(null, [bad])).toThrow('recording bad.ndjson cannot be opened: line 1: the first message is a sample, not a snapshot')
  })
})

describe('serve --recording', () => {
  it('refuses a file that does not exist, before starting anything', async () => {
    const err: string[] = []
    let started = false
    const code = await serveCommand(['--recording', join(dir, 'nope.ndjson')], { stdout: () => undefined, stderr: (t) => err.push(t), env: {} }, {
      rendererDir: dir,
      createBackend: async () => ((started = true), fakeBackend())
    })
    expect(code).toBe(2)
    expect(started).toBe(false)
    expect(err.join('')).toBe(`glasshouse serve: --recording ${join(dir, 'nope.ndjson')} does not exist\n`)
  })
})
