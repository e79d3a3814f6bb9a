// The probe sent on stdin to an image's own Node: the bundle of a file tree and the loader that runs it,
// in a real `node -e` child. The stdin after the bundle must reach the program unread, however the
// bytes are split into writes.
import { spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { HELPER_LOADER } from '../../main/kernel/helper-bootstrap'
import { helperBundle, helperBundleContents } from '../../main/kernel/helper-bundle'

const dir = mkdtempSync(join(tmpdir(), 'gh-bundle-'))
mkdirSync(join(dir, 'chunks'))
writeFileSync(join(dir, 'entry.js'), [
  'const { greet } = require("./chunks/a.js")',
  'const lines = []',
  'require("node:readline").createInterface({ input: process.stdin }).on("line", (l) => lines.push(l))',
  'process.stdin.on("end", () => console.log(JSON.stringify({ greet: greet(), file: __filename, lines })))'
].join('\n'))
writeFileSync(join(dir, 'chunks', 'a.js'), 'const s = require("../shared.js"); exports.greet = () => s.word + require("node:os").EOL.length')
writeFileSync(join(dir, 'shared.js'), 'exports.word = "hi"')
writeFileSync(join(dir, 'unused.js'), 'throw new Error("never required")')

afterAll(() => rmSync(dir, { recursive: true, force: true }))

function runLoader(writes: Buffer[]): Promise<{ stdout: string; stderr: string; code: number | null }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['-e', HELPER_LOADER], { stdio: ['pipe', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()))
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()))
    child.on('close', (code) => resolve({ stdout, stderr, code }))
    const next = (i: number): void => {
      if (i === writes.length) return void child.stdin.end()
      // One write per tick: the loader sees them as separate chunks.
      child.stdin.write(writes[i]!, () => setTimeout(() => next(i + 1), 5))
    }
    next(0)
  })
}

describe('helper bundle', () => {
  it('holds the entry and what it requires by relative path, transitively, and nothing else', () => {
    const contents = helperBundleContents(join(dir, 'entry.js'))
    expect(contents.entry).toBe('entry.js')
    expect(Object.keys(contents.files).sort()).toEqual(['chunks/a.js', 'entry.js', 'shared.js'])
  })

  it('runs from memory and hands the rest of stdin, in the same write, to the program', async () => {
    const bundle = helperBundle(join(dir, 'entry.js'))
    const run = await runLoader([Buffer.concat([bundle, Buffer.from('one\ntwo\n')])])
    expect(run.stderr).toBe('')
    expect(JSON.parse(run.stdout)).toEqual({ greet: 'hi1', file: '/glasshouse/entry.js', lines: ['one', 'two'] })
  })

  it('takes a bundle split anywhere, its length line too', async () => {
    const all = Buffer.concat([helperBundle(join(dir, 'entry.js')), Buffer.from('one\n')])
    const writes = [all.subarray(0, 2), all.subarray(2, 40), all.subarray(40, all.length - 2), all.subarray(all.length - 2), Buffer.from('two\n')]
    const run = await runLoader(writes)
    expect(JSON.parse(run.stdout).lines).toEqual(['one', 'two'])
  })

  it('says so and fails when stdin ends inside the bundle, or is no bundle', async () => {
    const cut = await runLoader([helperBundle(join(dir, 'entry.js')).subarray(0, 100)])
    expect(cut).toMatchObject({ code: 1, stdout: '' })
    expect(cut.stderr).toContain('stdin ended before the helper bundle did')
    const other = await runLoader([Buffer.from('{"op":"report"}\n')])
    expect(other.code).not.toBe(0)
    expect(other.stderr).toContain('stdin does not start with a glasshouse helper bundle')
  })
})
