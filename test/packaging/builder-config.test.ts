// electron-builder.yml is valid against electron-builder's schema (checked offline), keeps the
// project's packaging rules, and a --dir package around a stub Electron holds exactly the right
// files with the fuses flipped.
import { describe, expect, it } from 'vitest'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

function run(command: string, args: string[]): { status: number | null; output: string } {
  const result = spawnSync(command, args, { encoding: 'utf8', env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' } })
  return { status: result.status, output: `${result.stdout}${result.stderr}` }
}

function withConfig(edit: (yaml: string) => string, use: (path: string) => void): void {
  const dir = mkdtempSync(join(tmpdir(), 'glasshouse-builder-'))
  try {
    const path = join(dir, 'electron-builder.yml')
    writeFileSync(path, edit(readFileSync('electron-builder.yml', 'utf8')))
    use(path)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

// Loading electron-builder's schema takes 1.5 s of CPU, over 5 s on a busy machine.
describe('validate-builder-config', { timeout: 30_000 }, () => {
  it('accepts the real configuration', () => {
    const result = run('node', ['scripts/validate-builder-config.cjs'])
    expect(result.output).toContain('electron-builder.yml: valid')
    expect(result.status).toBe(0)
  })

  it('rejects a property the schema does not know', () => {
    withConfig(
      (yaml) => `${yaml}\nnotAnOption: true\n`,
      (path) => {
        const result = run('node', ['scripts/validate-builder-config.cjs', path])
        expect(result.status).toBe(1)
        expect(result.output).toContain("configuration has an unknown property 'notAnOption'")
      }
    )
  })

  it('rejects a fuse turned back on, and a native rebuild', () => {
    withConfig(
      (yaml) => yaml.replace('runAsNode: false', 'runAsNode: true').replace('npmRebuild: false', 'npmRebuild: true'),
      (path) => {
        const result = run('node', ['scripts/validate-builder-config.cjs', path])
        expect(result.status).toBe(1)
        expect(result.output).toContain('electronFuses.runAsNode must be false')
        expect(result.output).toContain('npmRebuild must be false')
      }
    )
  })
})

describe('pack-smoke', () => {
  it('packs app.asar with the bundle and production dependencies only, fuses flipped', { timeout: 120_000 }, () => {
    const result = run('bash', ['scripts/pack-smoke.sh'])
    expect(result.output).toMatch(/pack-smoke: ok \(\d+ entries in app\.asar; fuses 01001101\)/)
    // The bundle extracted from app.asar, run as `serve`, opens the shipped demo (recording:open demo).
    expect(result.output).toContain('pack-smoke: the demo recording opens from the packaged bundle')
    expect(result.status).toBe(0)
  })

  it('fails when the file list leaves the preload out', { timeout: 120_000 }, () => {
    withConfig(
      (yaml) => yaml.replace('  - out/preload/**\n', ''),
      (path) => {
        const result = run('bash', ['scripts/pack-smoke.sh', path, 'dist-smoke/broken'])
        expect(result.status).toBe(1)
        expect(result.output).toContain('missing /out/preload/index.js')
      }
    )
  })
})
