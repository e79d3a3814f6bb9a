// recording:open-file in the desktop app, with the dialog injected: the file chosen opens (a cut
// one up to the cut, saying so), a cancelled dialog opens nothing.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { openRecordingFromDialog } from '../../main/electron/open-recording-file'

const dir = mkdtempSync(join(tmpdir(), 'glasshouse-open-file-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
const demo = readFileSync(join(__dirname, '../../assets/recordings/demo.ndjson'), 'utf8')

describe('opening a recording file from the desktop dialog', () => {
  it('opens the file the dialog chose', async () => {
    const path = join(dir, 'Yesterday run.ndjson')
    writeFileSync(path, demo)
    const recording = await openRecordingFromDialog(async (options) => {
      expect(options.properties).toEqual(['openFile'])
      return { canceled: false, filePaths: [path] }
    })
    expect(recording).toMatchObject({ name: 'file-yesterday-run', title: 'Yesterday run.ndjson (vm)' })
    expect(recording?.messages.length).toBe(demo.split('\n').filter(Boolean).length)
    expect(recording?.fault).toBeUndefined()
  })

  it('a cut file opens up to the cut and says which line', async () => {
    const path = join(dir, 'cut.ndjson')
    const lines = demo.split('\n')
    writeFileSync(path, lines.slice(0, 20).join('\n') + '\n' + lines[20]!.slice(0, 30))
    const recording = await openRecordingFromDialog(async () => ({ canceled: false, filePaths: [path] }))
    expect(recording?.messages).toHaveLength(20)
    expect(recording?.fault).toBe('The file is damaged: line 21 is cut off (the file ends in the middle of it). Shown up to the line before it.')
  })

  it('a cancelled dialog opens nothing', async () => {
    expect(await openRecordingFromDialog(async () => ({ canceled: true, filePaths: [] }))).toBeNull()
  })
})
