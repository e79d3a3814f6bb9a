// The shipped demo recording, opened through a BUILT `glasshouse serve` as the page opens it:
// from the repository's out/ and from the npm package's contents (`npm pack`). The packaged
// desktop app (app.asar) is checked by scripts/pack-smoke.sh (test/packaging/builder-config.test.ts).
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, realpathSync, rmSync, symlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Recording, RecordingInfo } from '../../shared/contract'
import { startBuiltServe, type BuiltServe } from '../support/built-serve'

const REPO = resolve(__dirname, '../..')
let scratch: string

beforeAll(() => {
  if (!existsSync(join(REPO, 'out/main/cli.js'))) throw new Error('out/ is missing: run `npm run build` first (npm test does)')
  scratch = mkdtempSync(join(tmpdir(), 'glasshouse-recordings-'))
})
afterAll(() => rmSync(scratch, { recursive: true, force: true }))

async function expectDemoServed(launcher: string): Promise<void> {
  const serve: BuiltServe = await startBuiltServe({ launcher, scratchDir: scratch })
  try {
    const list = await serve.invoke<RecordingInfo[]>('recording:list')
    expect(list).toMatchObject({ ok: true })
    const names = list.ok ? list.value.map((r) => r.name) : []
    expect(names).toContain('demo')
    const demo = await serve.invoke<Recording>('recording:open', 'demo')
    expect(demo.ok).toBe(true)
    if (!demo.ok) return
    expect(demo.value.title).toMatch(/nine containers/)
    expect(demo.value.messages[0]?.type).toBe('snapshot')
    expect(demo.value.messages.length).toBeGreaterThan(50)
    expect(serve.stderr()).not.toMatch(/recordings were not found/)
  } finally {
    await serve.stop()
  }
}

describe('the demo recording from a built serve', () => {
  it('opens from the repository build (bin/glasshouse.cjs → out/main/cli.js)', { timeout: 30_000 }, async () => {
    await expectDemoServed(join(REPO, 'bin/glasshouse.cjs'))
  })

  it('ships in the npm package, and opens from its unpacked contents', { timeout: 60_000 }, async () => {
    const packed = JSON.parse(
      execFileSync('npm', ['pack', '--json', '--pack-destination', scratch], { cwd: REPO, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
    ) as { filename: string; files: { path: string }[] }[]
    const files = packed[0]!.files.map((f) => f.path)
    for (const path of ['package.json', 'bin/glasshouse.cjs', 'out/main/cli.js', 'out/renderer/index.html', 'assets/recordings/index.json', 'assets/recordings/demo.ndjson']) {
      expect(files).toContain(path)
    }
    // Only what runs: no sources, tests or fixtures.
    expect(files.filter((f) => /^(main|renderer|shared|test|scripts|tools)\//.test(f))).toEqual([])

    execFileSync('tar', ['-xzf', join(scratch, packed[0]!.filename), '-C', scratch])
    const unpacked = join(scratch, 'package')
    // The production dependencies an install would add (ws is loaded from node_modules).
    symlinkSync(realpathSync(join(REPO, 'node_modules')), join(unpacked, 'node_modules'))
    await expectDemoServed(join(unpacked, 'bin/glasshouse.cjs'))
  })
})
