// Runs `glasshouse watch --json` as a user would and collects its messages as they arrive.
import { spawn, type ChildProcess } from 'node:child_process'
import type { LiveMessage } from '../../../shared/live'
import { CLI, assertBuilt } from './cli'

export interface WatchProcess {
  messages: Array<{ receivedAt: number; message: LiveMessage }>
  stderr: () => string
  /** Resolves with the first message (after `from`) that matches, or rejects after timeoutMs. */
  waitFor(match: (m: LiveMessage) => boolean, timeoutMs: number, from?: number): Promise<{ receivedAt: number; message: LiveMessage }>
  /** Ctrl-C, then the exit code (130 when Ctrl-C stopped it, 0 when it had ended by itself). */
  stop(): Promise<number | null>
  exited: Promise<number | null>
  child: ChildProcess
}

export function startWatch(args: string[], env: NodeJS.ProcessEnv = process.env): WatchProcess {
  assertBuilt()
  const child = spawn(process.execPath, [CLI, 'watch', '--json', ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] })
  const messages: WatchProcess['messages'] = []
  const waiters = new Set<() => void>()
  let buffer = ''
  let errors = ''
  child.stdout?.setEncoding('utf8')
  child.stdout?.on('data', (chunk: string) => {
    buffer += chunk
    let newline = buffer.indexOf('\n')
    while (newline >= 0) {
      const line = buffer.slice(0, newline)
      buffer = buffer.slice(newline + 1)
      if (line.trim()) messages.push({ receivedAt: Date.now(), message: JSON.parse(line) as LiveMessage })
      newline = buffer.indexOf('\n')
    }
    for (const wake of waiters) wake()
  })
  child.stderr?.on('data', (chunk: Buffer) => (errors += chunk.toString()))
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))

  return {
    messages,
    child,
    exited,
    stderr: () => errors,
    waitFor(match, timeoutMs, from = 0) {
      return new Promise((resolve, reject) => {
        const check = (): boolean => {
          const found = messages.slice(from).find((m) => match(m.message))
          if (found) {
            waiters.delete(check)
            clearTimeout(timer)
            resolve(found)
          }
          return Boolean(found)
        }
        const timer = setTimeout(() => {
          waiters.delete(check)
          reject(new Error(`no matching watch message within ${timeoutMs} ms; stderr: ${errors}`))
        }, timeoutMs)
        if (!check()) waiters.add(check)
      })
    },
    async stop() {
      if (child.exitCode === null) child.kill('SIGINT')
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000)
      const code = await exited
      clearTimeout(timer)
      return code
    }
  }
}
