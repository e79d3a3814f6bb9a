// The command line's argument handling, without touching the host (no snapshot is taken).
import { describe, expect, it } from 'vitest'
import { runCli, usage } from '../../main/cli/run'

function io(): { out: string[]; err: string[]; io: Parameters<typeof runCli>[1] } {
  const out: string[] = []
  const err: string[] = []
  return { out, err, io: { stdout: (t) => out.push(t), stderr: (t) => err.push(t), env: {} } }
}

describe('runCli', () => {
  it('prints usage and exits 2 without a command', async () => {
    const t = io()
    expect(await runCli([], t.io)).toBe(2)
    expect(t.out.join('')).toBe(usage())
  })

  it('--help exits 0', async () => {
    const t = io()
    expect(await runCli(['--help'], t.io)).toBe(0)
    expect(await runCli(['snapshot', '--help'], t.io)).toBe(0)
  })

  it('names an unknown command', async () => {
    const t = io()
    expect(await runCli(['snapshto'], t.io)).toBe(2)
    expect(t.err.join('')).toContain('unknown command "snapshto"')
  })

  it('names an unknown option', async () => {
    const t = io()
    expect(await runCli(['snapshot', '--jsn'], t.io)).toBe(2)
    expect(t.err.join('')).toContain("'--jsn'")
  })

  it('refuses a root directory that does not exist', async () => {
    const t = io()
    expect(await runCli(['snapshot', '--no-engine', '--cgroup-root', '/no/such/dir'], t.io)).toBe(2)
    expect(t.err.join('')).toContain('--cgroup-root /no/such/dir does not exist')
  })
})
