// How the built `glasshouse` ends, run as users run it: piped into a reader that stops early
// (`| head -1`), it ends quietly; stopped by SIGINT or SIGTERM it exits 130 or 143, and `snapshot`
// stops at once even while the daemon is still answering.
import { spawn, type ChildProcess } from 'node:child_process'
import { rmSync } from 'node:fs'
import { createServer, type Server, type Socket } from 'node:net'
import { afterAll, describe, expect, it } from 'vitest'
import { CLI, assertBuilt } from './support/cli'
import { startWatch, type WatchProcess } from './support/watch-process'

interface Ended {
  code: number | null
  signal: NodeJS.Signals | null
  stderr: string
  /** Milliseconds from the moment asked (a signal sent) to the exit. */
  afterMs: number
}

function ended(child: ChildProcess, from: () => number): Promise<Ended> {
  let stderr = ''
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  return new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, stderr, afterMs: Date.now() - from() })))
}

/** Spawns the CLI with its stdout read until `closeAfter` says enough, then closed, like `head -1`. */
function readUntil(args: string[], closeAfter: (received: string) => boolean, env: NodeJS.ProcessEnv = process.env): Promise<Ended & { received: string }> {
  assertBuilt()
  const child = spawn(process.execPath, [CLI, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] })
  let received = ''
  const stdout = child.stdout!
  const check = (): void => {
    if (closeAfter(received)) stdout.destroy()
  }
  stdout.setEncoding('utf8')
  stdout.on('data', (chunk: string) => {
    received += chunk
    check()
  })
  check()
  const killer = setTimeout(() => child.kill('SIGKILL'), 30_000)
  return ended(child, () => 0).then((result) => {
    clearTimeout(killer)
    return { ...result, received }
  })
}

const firstLine = (received: string): boolean => received.includes('\n')
/** `head -c 100`: the JSON document is one long line, so stop after the first chunk of it. */
const anything = (received: string): boolean => received.length > 0
const nothing = (): boolean => true

describe('a reader that stops early (EPIPE)', () => {
  it.each([
    [['snapshot'], 'after the first line'],
    [['snapshot', '--json'], 'after the first chunk'],
    [['watch', '--json', '--interval', '250ms'], 'after the first line'],
    [['watch', '--interval', '250ms'], 'after the first line'],
    [['snapshot'], 'before anything was written'],
    [['snapshot', '--json', '--no-engine'], 'before anything was written']
  ])('%j with the reader gone %s: no stack trace, exit 0', async (args, when) => {
    const result = await readUntil(args, when === 'after the first line' ? firstLine : when === 'after the first chunk' ? anything : nothing)
    expect(result.stderr).toBe('')
    expect(result.signal).toBeNull()
    expect(result.code).toBe(0)
  }, 40_000)
})

describe('signals', () => {
  const watches: WatchProcess[] = []
  afterAll(async () => {
    for (const w of watches) await w.stop()
  })

  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143]
  ] as const)('watch --json stopped by %s exits %i, quietly', async (signal, code) => {
    const w = startWatch(['--interval', '250ms'])
    watches.push(w)
    await w.waitFor((m) => m.type === 'sample', 15_000)
    w.child.kill(signal)
    expect(await w.exited).toBe(code)
    expect(w.stderr()).toBe('')
  }, 30_000)

  /** A Docker socket that accepts and never answers: the snapshot waits on the daemon until stopped. */
  async function silentDaemon(): Promise<{ path: string; connected: Promise<void>; close(): void }> {
    const path = `/tmp/glasshouse-silent-${process.pid}-${Date.now()}.sock`
    const sockets: Socket[] = []
    let connected!: () => void
    const server: Server = createServer((socket) => {
      sockets.push(socket)
      connected()
    })
    await new Promise<void>((resolve) => server.listen(path, resolve))
    return {
      path,
      connected: new Promise<void>((resolve) => (connected = resolve)),
      close: () => {
        for (const s of sockets) s.destroy()
        server.close()
        rmSync(path, { force: true })
      }
    }
  }

  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143]
  ] as const)('snapshot stopped by %s while the daemon has not answered exits %i at once, printing nothing', async (signal, code) => {
    assertBuilt()
    const daemon = await silentDaemon()
    try {
      const child = spawn(process.execPath, [CLI, 'snapshot', '--json'], { env: { ...process.env, DOCKER_HOST: `unix://${daemon.path}` }, stdio: ['ignore', 'pipe', 'pipe'] })
      let stdout = ''
      child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
      let signalledAt = 0
      const result = ended(child, () => signalledAt)
      await daemon.connected
      signalledAt = Date.now()
      child.kill(signal)
      const { code: exitCode, stderr, afterMs } = await result
      expect(exitCode).toBe(code)
      expect(stderr).toBe('')
      expect(stdout).toBe('')
      // The daemon's own deadline is 5 s: stopping must not wait for it.
      expect(afterMs).toBeLessThan(1500)
    } finally {
      daemon.close()
    }
  }, 30_000)
})
