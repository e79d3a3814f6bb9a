// Starts `glasshouse serve` as a user would and reads the address it prints.
import { spawn, type ChildProcess } from 'node:child_process'
import { CLI, assertBuilt } from '../../integration/support/cli'

export interface Served {
  /** The printed address, token included (in its fragment). */
  url: string
  origin: string
  token: string
  child: ChildProcess
  stderr: () => string
  stop: () => Promise<void>
}

export async function startServe(env: NodeJS.ProcessEnv = process.env, args: string[] = []): Promise<Served> {
  assertBuilt()
  const child = spawn(process.execPath, [CLI, 'serve', ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] })
  let errors = ''
  child.stderr?.on('data', (chunk: Buffer) => (errors += chunk.toString()))
  const url = await new Promise<string>((resolve, reject) => {
    let out = ''
    const timer = setTimeout(() => reject(new Error(`glasshouse serve printed no address within 20 s; stderr: ${errors}`)), 20_000)
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      const line = out.split('\n').find((l) => l.startsWith('http://'))
      if (line) {
        clearTimeout(timer)
        resolve(line.trim())
      }
    })
    child.on('exit', (code) => reject(new Error(`glasshouse serve exited with ${code}: ${errors}`)))
  })
  const parsed = new URL(url)
  return {
    url,
    origin: parsed.origin,
    token: new URLSearchParams(parsed.hash.slice(1)).get('token') ?? '',
    child,
    stderr: () => errors,
    async stop() {
      if (child.exitCode !== null) return
      const exited = new Promise((r) => child.once('exit', r))
      child.kill('SIGINT')
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000)
      await exited
      clearTimeout(timer)
    }
  }
}
