// export:save in the desktop app: a save dialog, then the page's bytes written as they were.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { saveExport, withTypeExtension, type SaveDialogOptions } from '../../main/electron/export-save'

vi.mock('electron', () => ({}))

const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

describe('saveExport', () => {
  it('asks with the suggested name and a filter for the type, and writes the text', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'glasshouse-export-'))
    dirs.push(dir)
    const asked: SaveDialogOptions[] = []
    const result = await saveExport(
      { suggestedName: 'namespaces.svg', mimeType: 'image/svg+xml', data: '<svg>é</svg>', encoding: 'utf8' },
      async (options) => {
        asked.push(options)
        return { canceled: false, filePath: join(dir, 'chosen.svg') }
      },
      '/home/me/Downloads'
    )
    expect(asked[0]).toEqual({ title: 'Export', defaultPath: '/home/me/Downloads/namespaces.svg', filters: [{ name: 'SVG image', extensions: ['svg'] }] })
    expect(result).toEqual({ path: join(dir, 'chosen.svg') })
    expect(readFileSync(join(dir, 'chosen.svg'), 'utf8')).toBe('<svg>é</svg>')
  })

  it('saves a demo handout through the save dialog as .html, adding the extension the dialog left out', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'glasshouse-export-'))
    dirs.push(dir)
    const asked: SaveDialogOptions[] = []
    const html = '<!doctype html><title>pid-host</title><h2>Step 1: …</h2>'
    const result = await saveExport(
      { suggestedName: 'glasshouse-demo-pid-host.html', mimeType: 'text/html', data: html, encoding: 'utf8' },
      async (options) => {
        asked.push(options)
        return { canceled: false, filePath: join(dir, 'lesson') }
      },
      '/home/me/Documents'
    )
    expect(asked[0]).toEqual({ title: 'Export', defaultPath: '/home/me/Documents/glasshouse-demo-pid-host.html', filters: [{ name: 'HTML handout', extensions: ['html'] }] })
    expect(result).toEqual({ path: join(dir, 'lesson.html') })
    expect(readFileSync(join(dir, 'lesson.html'), 'utf8')).toBe(html)
  })

  it('saves a recording from the Record button as .ndjson', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'glasshouse-export-'))
    dirs.push(dir)
    const asked: SaveDialogOptions[] = []
    const text = '{"type":"header"}\n{"type":"end"}\n'
    const result = await saveExport(
      { suggestedName: 'glasshouse-recording-vm.ndjson', mimeType: 'application/x-ndjson', data: text, encoding: 'utf8' },
      async (options) => {
        asked.push(options)
        return { canceled: false, filePath: join(dir, 'run') }
      },
      dir
    )
    expect(asked[0]?.filters).toEqual([{ name: 'Glasshouse recording', extensions: ['ndjson'] }])
    expect(result).toEqual({ path: join(dir, 'run.ndjson') })
    expect(readFileSync(join(dir, 'run.ndjson'), 'utf8')).toBe(text)
  })

  it('decodes base64 for PNG', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'glasshouse-export-'))
    dirs.push(dir)
    const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 255])
    await saveExport(
      { suggestedName: 'a.png', mimeType: 'image/png', data: bytes.toString('base64'), encoding: 'base64' },
      async () => ({ canceled: false, filePath: join(dir, 'a.png') }),
      dir
    )
    expect(readFileSync(join(dir, 'a.png'))).toEqual(bytes)
  })

  it('writes nothing when the user cancels', async () => {
    const dialog = vi.fn(async () => ({ canceled: true, filePath: '' }))
    expect(await saveExport({ suggestedName: 'a.json', mimeType: 'application/json', data: '{}', encoding: 'utf8' }, dialog, '/tmp')).toEqual({ path: null })
  })

  it('refuses an unsafe suggested name before asking anything', async () => {
    const dialog = vi.fn(async () => ({ canceled: false, filePath: '/tmp/never' }))
    for (const suggestedName of ['../x.svg', '.bashrc.svg', 'a.png', 'a..svg']) {
      await expect(saveExport({ suggestedName, mimeType: 'image/svg+xml', data: '', encoding: 'utf8' }, dialog, '/tmp'), suggestedName).rejects.toThrow('bad file name')
    }
    expect(dialog).not.toHaveBeenCalled()
  })

  it('gives the chosen path the extension of the file type when the dialog did not', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'glasshouse-export-'))
    dirs.push(dir)
    const result = await saveExport(
      { suggestedName: 'a.json', mimeType: 'application/json', data: '{}', encoding: 'utf8' },
      async () => ({ canceled: false, filePath: join(dir, 'chosen') }),
      dir
    )
    expect(result).toEqual({ path: join(dir, 'chosen.json') })
    expect(readFileSync(join(dir, 'chosen.json'), 'utf8')).toBe('{}')
    expect(withTypeExtension('/x/picture.svg', 'image/png')).toBe('/x/picture.svg.png')
    expect(withTypeExtension('/x/Picture.PNG', 'image/png')).toBe('/x/Picture.PNG')
    expect(withTypeExtension('/x.png/picture', 'image/png')).toBe('/x.png/picture.png')
  })
})
