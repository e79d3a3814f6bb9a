// A second Docker daemon of our own (its own data, exec root and socket), for tests that stop
// and restart "the daemon" without disturbing the one every other test uses.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, mkdtempSync, openSync, renameSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Docker from 'dockerode'

export interface PrivateDaemonOptions {
  /**
   * Also listen on tcp://127.0.0.1:<tcpPort>, plain http. Only ever loopback: a daemon on TCP
   * without TLS is root for whoever can reach the port.
   */
  tcpPort?: number
}

export interface PrivateDaemon {
  dir: string
  socket: string
  host: string
  /** tcp://127.0.0.1:<port> when started with tcpPort, else null. */
  tcpHost: string | null
  /** docker CLI against this daemon. */
  docker(...args: string[]): string
  stop(): Promise<void>
  start(): Promise<void>
  /**
   * Renames the socket away (`mv docker.sock docker.sock.away`): connections already open keep
   * working, new ones get ENOENT. Only ever this daemon's socket, never the shared one.
   */
  moveSocketAway(): void
  /** Renames it back; a no-op when it is in place. destroy() does it too. */
  putSocketBack(): void
  /** Stops the daemon and removes everything it stored. */
  destroy(): Promise<void>
}

export async function startPrivateDaemon(options: PrivateDaemonOptions = {}): Promise<PrivateDaemon> {
  const tcpHost = options.tcpPort === undefined ? null : `tcp://127.0.0.1:${options.tcpPort}`
  const dir = mkdtempSync(join(tmpdir(), 'gh-dockerd-'))
  // Its own bridge: a dockerd started with --bridge=none deletes docker0, the main daemon's bridge.
  const bridge = `gh${randomBytes(3).toString('hex')}`
  const subnet = `10.251.${randomBytes(1)[0]}`
  execFileSync('ip', ['link', 'add', bridge, 'type', 'bridge'])
  execFileSync('ip', ['addr', 'add', `${subnet}.1/24`, 'dev', bridge])
  execFileSync('ip', ['link', 'set', bridge, 'up'])
  const socket = join(dir, 'docker.sock')
  const socketAway = `${socket}.away`
  const host = `unix://${socket}`
  let child: ChildProcess | null = null

  const answers = async (): Promise<boolean> => {
    try {
      await new Docker({ socketPath: socket }).listContainers({ limit: 1, abortSignal: AbortSignal.timeout(1000) })
      return true
    } catch {
      return false
    }
  }
  const daemon: PrivateDaemon = {
    dir,
    socket,
    host,
    tcpHost,
    docker: (...args) => execFileSync('docker', ['-H', host, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim(),
    async start() {
      const log = openSync(join(dir, 'dockerd.log'), 'a')
      child = spawn(
        'dockerd',
        [
          '--data-root', join(dir, 'data'),
          '--exec-root', join(dir, 'exec'),
          '--pidfile', join(dir, 'docker.pid'),
          '-H', host,
          ...(tcpHost ? ['-H', tcpHost] : []),
          // Networking of its own: it must not touch the main daemon's bridge or iptables.
          `--bridge=${bridge}`, '--iptables=false', '--ip-masq=false'
        ],
        { stdio: ['ignore', log, log] }
      )
      const deadline = Date.now() + 30_000
      while (!(await answers())) {
        if (Date.now() > deadline) throw new Error(`the private dockerd did not answer within 30 s; see ${dir}/dockerd.log`)
        await new Promise((r) => setTimeout(r, 200))
      }
    },
    async stop() {
      const running = child
      child = null
      if (!running || running.exitCode !== null) return
      const exited = new Promise((r) => running.once('exit', r))
      running.kill('SIGTERM')
      const timer = setTimeout(() => running.kill('SIGKILL'), 20_000)
      await exited
      clearTimeout(timer)
    },
    moveSocketAway() {
      renameSync(socket, socketAway)
    },
    putSocketBack() {
      if (existsSync(socketAway)) renameSync(socketAway, socket)
    },
    async destroy() {
      daemon.putSocketBack()
      try {
        const ids = daemon.docker('ps', '-aq').split('\n').filter(Boolean)
        if (ids.length) daemon.docker('rm', '-f', ...ids)
      } catch {
        // The daemon is already down; its containers went with it.
      }
      await daemon.stop()
      execFileSync('ip', ['link', 'del', bridge])
      rmSync(dir, { recursive: true, force: true })
    }
  }
  await daemon.start()
  return daemon
}
