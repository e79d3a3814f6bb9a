// Where the helper script is found: next to the running bundle, one folder up from a chunk, and in the
// packaged app outside app.asar (the daemon binds it from the file system, which cannot see inside the asar).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { bundledHelperScript, outsideAsar } from '../../main/kernel/helper-kernel-choice'

const root = mkdtempSync(join(tmpdir(), 'gh-helper-script-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

describe('bundledHelperScript', () => {
  it('takes the unpacked helper when the code runs from app.asar', () => {
    const unpacked = join(root, 'resources', 'app.asar.unpacked', 'out', 'main')
    mkdirSync(join(unpacked, 'chunks'), { recursive: true })
    writeFileSync(join(unpacked, 'helper.js'), '')
    const packed = join(root, 'resources', 'app.asar', 'out', 'main')
    expect(bundledHelperScript(packed)).toBe(join(unpacked, 'helper.js'))
    expect(bundledHelperScript(join(packed, 'chunks'))).toBe(join(unpacked, 'chunks', '..', 'helper.js'))
  })

  it('leaves other paths alone, and says when the helper is not built', () => {
    expect(outsideAsar('/opt/app.asarx/out/main')).toBe('/opt/app.asarx/out/main')
    expect(outsideAsar('/opt/Glasshouse/resources/app.asar')).toBe('/opt/Glasshouse/resources/app.asar.unpacked')
    expect(() => bundledHelperScript(join(root, 'nowhere'))).toThrow(/the helper script is not built/)
  })
})
