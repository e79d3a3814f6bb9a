// --docker-host / -H / --context on the commands: passed to the engine client, serve's own
// --host (its listen address) never taken for a Docker host, and a bad choice is one line, exit 2.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import type { BackendOptions } from '../../main/backend/create-backend'
import { runCli, type CliIo } from '../../main/cli/run'
import { serveCommand } from '../../main/cli/serve-command'
import { DockerContextError } from '../../main/engine/docker-context'
import { makeRendererDir } from '../support/renderer-dir'

const home = mkdtempSync(join(tmpdir(), 'glasshouse-engine-flags-'))
mkdirSync(join(home, '.docker'))
afterAll(() => rmSync(home, { recursive: true, force: true }))

function capture(): { io: CliIo; err: string[]; out: string[] } {
  const out: string[] = []
  const err: string[] = []
  return { out, err, io: { stdout: (t) => out.push(t), stderr: (t) => err.push(t), env: { HOME: home } } }
}

describe('engine flags', () => {
  it('serve passes --docker-host and --context on, and keeps its --host to itself', async () => {
    const renderer = makeRendererDir()
    const seen: BackendOptions[] = []
    const createBackend = async (options: BackendOptions): Promise<never> => {
      seen.push(options)
      throw new Error('stop here')
    }
    try {
      const t = capture()
      await serveCommand(['--host', '127.0.0.1', '--docker-host', 'unix:///run/other.sock'], t.io, { rendererDir: renderer.dir, createBackend })
      await serveCommand(['--host', '127.0.0.1', '--context', 'lab'], t.io, { rendererDir: renderer.dir, createBackend })
    } finally {
      renderer.remove()
    }
    expect(seen.map((o) => o.engineFlags)).toEqual([
      { host: 'unix:///run/other.sock', context: undefined },
      { host: undefined, context: 'lab' }
    ])
  })

  it.each([['snapshot'], ['watch']])('%s --context that does not exist: one line, exit 2', async (command) => {
    const t = capture()
    expect(await runCli([command, '--context', 'missing-ctx'], t.io)).toBe(2)
    expect(t.out).toEqual([])
    expect(t.err).toHaveLength(1)
    expect(t.err[0]).toMatch(/^glasshouse: docker context "missing-ctx" does not exist \(no .*\/\.docker\/contexts\/meta\/[0-9a-f]{64}\/meta\.json; see docker context ls\)\n$/)
  })

  it('serve --context that does not exist: the error runCli prints in one line, before anything listens', async () => {
    const renderer = makeRendererDir()
    const t = capture()
    try {
      await expect(serveCommand(['--context', 'missing-ctx'], t.io, { rendererDir: renderer.dir })).rejects.toThrow(DockerContextError)
    } finally {
      renderer.remove()
    }
    expect(t.out).toEqual([])
  })

  it('snapshot -H and --context together are refused like the docker CLI refuses them', async () => {
    const t = capture()
    expect(await runCli(['snapshot', '-H', 'unix:///run/x.sock', '--context', 'lab'], t.io)).toBe(2)
    expect(t.err).toEqual(['glasshouse: cannot use both --docker-host (-H) and --context: choose one\n'])
  })
})
