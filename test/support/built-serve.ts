// Starts a built `glasshouse serve` from any layout (the repository, an unpacked npm package) and
// asks it over HTTP, with the printed token, as the page would. Docker is pointed at a socket that
// does not exist unless the caller says otherwise, so the test neither needs nor disturbs the daemon.
import { spawn } from 'node:child_process'
import { request } from 'node:http'
import { join } from 'node:path'
import type { InvokeResult } from '../../shared/contract'
import { INVOKE_PATH, TOKEN_FRAGMENT } from '../../shared/serve-protocol'

export interface BuiltServe {
  /** The printed address, token included. */
  url: string
  port: number
  invoke<T>(channel: string, ...args: unknown[]): Promise<InvokeResult<T>>
  stderr(): string
  stop(): Promise<void>
}

export interface BuiltServeOptions {
  /** bin/glasshouse.cjs or out/main/cli.js of the layout under test. */
  launcher: string
  /** Where the missing Docker socket is pointed at (any folder of the test's own). */
  scratchDir: string
  /**
   * Runs serve in a PID namespace of its own with its own /proc (`unshare -pf --mount-proc`): the
   * kernel then shows it no container, whatever runs on the host. Needs root.
   */
  ownPidNamespace?: boolean
}

export async function startBuiltServe(options: BuiltServeOptions): Promise<BuiltServe> {
  const env = { ...process.env, DOCKER_HOST: `unix://${join(options.scratchDir, 'no-docker.sock')}` }
  const node = [process.execPath, options.launcher, 'serve']
  // unshare ignores SIGINT and SIGTERM while it waits; killed, it passes SIGINT on to serve.
  const argv = options.ownPidNamespace ? ['unshare', '-pf', '--mount-proc', '--kill-child=SIGINT', ...node] : node
  const child = spawn(argv[0]!, argv.slice(1), { env, stdio: ['ignore', 'pipe', 'pipe'] })
  let errors = ''
  child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()))
  // 'close' waits for every holder of the pipes, so for serve itself behind unshare too.
  const closed = new Promise<void>((done) => child.once('close', () => done()))
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) child.kill(options.ownPidNamespace ? 'SIGKILL' : 'SIGINT')
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000)
    await closed
    clearTimeout(timer)
  }
  let url: URL
  try {
    url = new URL(await printedAddress(child.stdout, closed, () => errors))
  } catch (error) {
    await stop()
    throw error
  }
  const token = new URLSearchParams(url.hash.slice(1)).get(TOKEN_FRAGMENT) ?? ''
  const port = Number(url.port)
  return {
    url: url.href,
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
