// Starts a built `glasshouse serve` from any layout (the repository, an unpacked npm package) and
// asks it over HTTP, with the printed token, as the page would. Docker is pointed at a socket that
// does not exist, so the test neither needs nor disturbs the daemon.
import { spawn } from 'node:child_process'
import { request } from 'node:http'
import { join } from 'node:path'
import type { InvokeResult } from '../../../shared/contract'
import { INVOKE_PATH, TOKEN_QUERY } from '../../../shared/serve-protocol'

export interface BuiltServe {
  port: number
  invoke<T>(channel: string, ...args: unknown[]): Promise<InvokeResult<T>>
  stderr(): string
  stop(): Promise<void>
}

export async function startBuiltServe(launcher: string, scratchDir: string): Promise<BuiltServe> {
  const env = { ...process.env, DOCKER_HOST: `unix://${join(scratchDir, 'no-docker.sock')}` }
  const child = spawn(process.execPath, [launcher, 'serve'], { env, stdio: ['ignore', 'pipe', 'pipe'] })
  let errors = ''
  child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()))
  const exited = new Promise<void>((done) => child.once('exit', () => done()))
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return
    child.kill('SIGINT')
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000)
    await exited
    clearTimeout(timer)
  }
  let url: URL
  try {
    url = new URL(await printedAddress(child.stdout, exited, () => errors))
  } catch (error) {
    await stop()
    throw error
  }
  const token = url.searchParams.get(TOKEN_QUERY) ?? ''
  const port = Number(url.port)
  return {
    port,
    invoke: <T>(channel: string, ...args: unknown[]) => post<T>(port, token, channel, args),
    stderr: () => errors,
    stop
  }
}

function printedAddress(stdout: NodeJS.ReadableStream, exited: Promise<void>, errors: () => string): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = ''
    const timer = setTimeout(() => reject(new Error(`serve printed no address within 20 s; stderr: ${errors()}`)), 20_000)
    stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      const line = out.split('\n').find((l) => l.startsWith('http://'))
      if (line) {
        clearTimeout(timer)
        resolve(line.trim())
      }
    })
    void exited.then(() => {
      clearTimeout(timer)
      reject(new Error(`serve exited before printing its address; stderr: ${errors()}`))
    })
  })
}

function post<T>(port: number, token: string, channel: string, args: unknown[]): Promise<InvokeResult<T>> {
  return new Promise((resolve, reject) => {
    const body = JSON.stringify({ args })
    const req = request(
      { host: '127.0.0.1', port, path: INVOKE_PATH + channel, method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` } },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8')
          try {
            resolve(JSON.parse(text) as InvokeResult<T>)
          } catch {
            reject(new Error(`${channel}: HTTP ${res.statusCode}, not JSON: ${text.slice(0, 200)}`))
          }
        })
      }
    )
    req.on('error', reject)
    req.end(body)
  })
}
