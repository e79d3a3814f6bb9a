// One pattern for exported file names: dot files, "..", separators and an extension that is not
// the file type's are refused, by the contract too. (What the page makes: test/renderer/export.)
import { describe, expect, it } from 'vitest'
import { ARGUMENT_CHECKS } from '../../shared/contract'
import { isSafeExportName } from '../../shared/export-name'

describe('isSafeExportName', () => {
  it('accepts plain names whose extension is the type’s', () => {
    expect(isSafeExportName('glasshouse-cgroups-vm-2026-11-28T16-56-03.svg', 'image/svg+xml')).toBe(true)
    expect(isSafeExportName('a.png', 'image/png')).toBe(true)
    expect(isSafeExportName('snapshot_1.json', 'application/json')).toBe(true)
  })

  it('refuses dot files, "..", separators, other extensions and odd input', () => {
    const refused: Array<[unknown, unknown]> = [
      ['.svg', 'image/svg+xml'],
      ['.hidden.svg', 'image/svg+xml'],
      ['..svg', 'image/svg+xml'],
      ['a..svg', 'image/svg+xml'],
      ['../x.svg', 'image/svg+xml'],
      ['a/b.svg', 'image/svg+xml'],
      ['a\\b.svg', 'image/svg+xml'],
      ['a.b.svg', 'image/svg+xml'],
      ['-rf.svg', 'image/svg+xml'],
      ['a.svg', 'image/png'],
      ['a.png', 'image/svg+xml'],
      ['a.SVG', 'image/svg+xml'],
      ['a', 'application/json'],
      ['a.json ', 'application/json'],
      ['a.json\n', 'application/json'],
      ['naïve.json', 'application/json'],
      [`${'x'.repeat(121)}.json`, 'application/json'],
      ['a.xhtml', 'application/xhtml+xml'],
      ['a.htm', 'text/html'],
      ['a.svg', 'text/html'],
      [null, 'image/png'],
      ['a.png', undefined]
    ]
    for (const [name, type] of refused) expect(isSafeExportName(name, type), `${String(name)} as ${String(type)}`).toBe(false)
    expect(isSafeExportName(`${'x'.repeat(120)}.json`, 'application/json')).toBe(true)
  })

  it('takes a demo handout as .html (presenter mode saves it through export:save)', () => {
    expect(isSafeExportName('glasshouse-demo-swarm-secret.html', 'text/html')).toBe(true)
    expect(ARGUMENT_CHECKS['export:save']([{ suggestedName: 'glasshouse-demo-pid-host.html', mimeType: 'text/html', data: '<!doctype html>', encoding: 'utf8' }])).toBeNull()
  })

  it('is the contract’s check for export:save', () => {
    const file = (suggestedName: string, mimeType = 'image/svg+xml'): unknown[] => [{ suggestedName, mimeType, data: '', encoding: 'utf8' }]
    expect(ARGUMENT_CHECKS['export:save'](file('view.svg'))).toBeNull()
    for (const bad of ['.bashrc.svg', '..', '...svg', 'x.png', 'a.b.svg']) expect(ARGUMENT_CHECKS['export:save'](file(bad)), bad).toMatch(/bad file name/)
  })

  it('takes a recording from the Record button as .ndjson, and no other type through an inherited key', () => {
    const file = (suggestedName: string, mimeType: string): unknown[] => [{ suggestedName, mimeType, data: '', encoding: 'utf8' }]
    expect(ARGUMENT_CHECKS['export:save'](file('glasshouse-recording-vm-2026-12-07T08-20-00.ndjson', 'application/x-ndjson'))).toBeNull()
    expect(ARGUMENT_CHECKS['export:save'](file('run.json', 'application/x-ndjson'))).toMatch(/bad file name/)
    expect(ARGUMENT_CHECKS['export:save'](file('run.ndjson', 'application/json'))).toMatch(/bad file name/)
    expect(ARGUMENT_CHECKS['export:save'](file('run.ndjson', 'toString'))).toMatch(/bad mime type/)
    expect(ARGUMENT_CHECKS['export:save'](file('run.ndjson', 'application/xhtml+xml'))).toMatch(/bad mime type/)
    expect(ARGUMENT_CHECKS['export:save'](file('run.ndjson', 'text/html'))).toMatch(/bad file name/)
  })
})
