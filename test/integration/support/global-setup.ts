// Integration tests run against a real Docker daemon. This setup makes sure one answers
// (starting dockerd when none does and we are root), builds the local test image, and on
// teardown removes every labelled container and stops a daemon it started itself.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, openSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { buildTestImage, daemonAnswers, removeLabelledContainers, removeStaleTestContainers } from './docker'

let startedDaemon: ChildProcess | null = null

export async function setup(): Promise<void> {
  if (!(await daemonAnswers())) {
    if (process.getuid?.() !== 0) throw new Error('No Docker daemon answers and tests are not running as root, so none can be started.')
    if (!existsSync('/usr/sbin/dockerd') && !which('dockerd')) {
      throw new Error('No Docker daemon answers and dockerd is not installed (apt-get install -y docker.io).')
    }
    const log = join(mkdtempSync(join(tmpdir(), 'glasshouse-dockerd-')), 'dockerd.log')
    startedDaemon = spawn('dockerd', [], { detached: true, stdio: ['ignore', openSync(log, 'a'), openSync(log, 'a')] })
    startedDaemon.unref()
    const deadline = Date.now() + 30_000
    while (!(await daemonAnswers())) {
      if (Date.now() > deadline) throw new Error(`dockerd did not answer within 30 s; see ${log}`)
      await new Promise((r) => setTimeout(r, 250))
    }
  }
  // Workers inherit this: every container of this run carries it as its label value.
  process.env.GLASSHOUSE_TEST_RUN = `run-${Date.now()}-${process.pid}`
  removeStaleTestContainers()
  buildTestImage()
}

export async function teardown(): Promise<void> {
  removeLabelledContainers()
  if (startedDaemon?.pid) {
    process.kill(startedDaemon.pid, 'SIGTERM')
    const deadline = Date.now() + 20_000
    while ((await daemonAnswers()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250))
  }
}

function which(command: string): boolean {
  try {
    execFileSync('which', [command], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}
