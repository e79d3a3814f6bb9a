// Observing every running container at once (issue 14 item 1, `glasshouse observe --all`): one tracing
// instance for the whole window (plus the quiet attach watcher), each container's events counted apart.
// Two of our containers do different privileged things (ping → NET_RAW, chown → CHOWN), one stays idle,
// and a fourth, started during the window, is followed from its first process. Other helpers' containers
// come and go on this host: only our own are asserted on.
import Docker from 'dockerode'
import { execFile, spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, describe, expect, it } from 'vitest'
import { observeAllContainers } from '../../main/observe/observe-all'
import { verifyEach } from '../../main/observe/verify-each'
import { TRACEFS_ROOT } from '../../main/observe/tracefs'
import type { Observation } from '../../shared/observe/observation'
import type { AllObservation } from '../../shared/observe/observe-all-result'
import { suggest } from '../../shared/observe/suggestion'
import { assertBuilt, CLI } from './support/cli'
import { removeContainers, removeVerifyCopies, runContainer, TEST_IMAGE, TEST_LABEL, testLabels, testRun } from './support/docker'
import { waitFor } from './support/wait-for'

const docker = new Docker()
const ids: string[] = []
const dirs: string[] = []

afterAll(() => {
  removeContainers(ids)
  removeVerifyCopies()
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
})

const INSTANCES = `${TRACEFS_ROOT}/instances`
const instancesOf = (pid: number): string[] => readdirSync(INSTANCES).filter((name) => name.startsWith(`glasshouse-${pid}-`))

function startCli(args: string[]): { pid: number; kill: (signal: NodeJS.Signals) => void; exited: Promise<number | null>; stdout: () => string } {
  assertBuilt()
  const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
  let out = ''
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()))
  child.stderr!.resume()
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  return { pid: child.pid!, kill: (signal) => child.kill(signal), exited, stdout: () => out }
}

const used = (o: Observation): string[] => o.capabilities.filter((c) => c.verdict === 'used').map((c) => c.name)
const syscalls = (o: Observation): string[] => o.syscalls.map((s) => s.name)
const find = (all: AllObservation, id: string): Observation => {
  const found = all.observations.find((o) => o.container.id === id)
  if (!found) throw new Error(`container ${id.slice(0, 12)} is missing from the result`)
  return found
}

describe('observe --all', () => {
  it('follows every running container in one instance, each with its own result, and one started during the window', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gh-observe-all-'))
    dirs.push(dir)
    // Each workload waits for its own file, so it runs inside the window; each stays up afterwards.
    const after = (file: string, script: string): string[] => ['sh', '-c', `while [ ! -e /sync/${file} ]; do sleep 0.2; done; ${script}; sleep 3600`]
    const tag = `${process.pid}`
    const ping = runContainer(`gh-observe-all-ping-${tag}`, ['-v', `${dir}:/sync:ro`], after('ping', 'ping -c1 127.0.0.1 > /dev/null'))
    const chown = runContainer(`gh-observe-all-chown-${tag}`, ['-v', `${dir}:/sync:ro`], after('chown', 'chown 1:1 /tmp'))
    const idle = runContainer(`gh-observe-all-idle-${tag}`, [], ['sleep', '3600'])
    ids.push(ping, chown, idle)
    let late = ''
    let starting: Promise<void> = Promise.resolve()
    let instancesAtStart: string[] = []
    const all = await observeAllContainers({
      docker,
      seconds: 8,
      onStarted: () => {
        instancesAtStart = readdirSync(`${TRACEFS_ROOT}/instances`).filter((name) => name.startsWith(`glasshouse-${process.pid}-`))
        writeFileSync(join(dir, 'ping'), '')
        // Later, so that ping's calls were seen (and could have been switched off) before chown's.
        setTimeout(() => writeFileSync(join(dir, 'chown'), ''), 1500)
        // Started asynchronously (docker run must not block the observation's reads), its chown first.
        setTimeout(() => {
          starting = promisify(execFile)('docker', ['run', '-d', '--name', `gh-observe-all-late-${tag}`, '--label', `${TEST_LABEL}=${testRun()}`, TEST_IMAGE, 'sh', '-c', 'chown 1:1 /tmp; sleep 3600']).then(({ stdout }) => {
            late = stdout.trim()
            ids.push(late)
          })
        }, 2500)
      }
    })
    await starting
    // One instance for the whole observation, not one per container.
    expect(instancesAtStart).toHaveLength(1)
    expect(all.observations.length).toBeGreaterThanOrEqual(4)
    expect(readdirSync(`${TRACEFS_ROOT}/instances`).filter((name) => name.startsWith(`glasshouse-${process.pid}-`))).toEqual([])

    const pinged = find(all, ping)
    expect(used(pinged)).toEqual(['CAP_NET_RAW'])
    expect(suggest(pinged).capAdd).toEqual(['NET_RAW'])
    expect(syscalls(pinged)).toContain('socket')

    const chowned = find(all, chown)
    expect(used(chowned)).toEqual(['CAP_CHOWN'])
    expect(suggest(chowned).capAdd).toEqual(['CHOWN'])
    // overlayfs copy-up checks with dockerd's credential are set aside, as for one container.
    expect(chowned.capabilities.find((c) => c.name === 'CAP_SYS_ADMIN')?.granted ?? 0).toBe(0)
    expect(chowned.capabilities.reduce((n, c) => n + c.otherCredential, 0)).toBeGreaterThan(0)
    expect(syscalls(chowned).some((name) => name.includes('chown'))).toBe(true)
    expect(syscalls(chowned)).not.toContain('socket')
    // Both forked and exec'd their tool: one container's call did not switch the event off for the other.
    expect(syscalls(pinged)).toContain('execve')
    expect(syscalls(chowned)).toContain('execve')

    const idled = find(all, idle)
    expect(used(idled)).toEqual([])
    expect(suggest(idled).capAdd).toEqual([])
    expect(syscalls(idled)).toEqual([])
    expect(idled.notes.some((note) => note.startsWith('it made no system call in the window'))).toBe(true)

    const joined = find(all, late)
    expect(used(joined)).toEqual(['CAP_CHOWN'])
    expect(joined.notes.some((note) => note.startsWith('started during the window'))).toBe(true)
    expect(joined.container.name).toBe(`gh-observe-all-late-${tag}`)
    expect(syscalls(joined).some((name) => name.includes('chown'))).toBe(true)
  })

  it('the CLI with --all removes its instance on SIGINT, and prints what it saw', async () => {
    ids.push(runContainer(`gh-observe-all-sigint-${process.pid}`, [], ['sleep', '3600']))
    const cli = startCli(['observe', '--all', '--for', '60s'])
    const name = await waitFor(() => instancesOf(cli.pid)[0], 'the CLI’s instance')
    cli.kill('SIGINT')
    expect(await cli.exited).toBe(130)
    expect(existsSync(`${INSTANCES}/${name}`)).toBe(false)
    expect(instancesOf(cli.pid)).toEqual([])
    expect(cli.stdout()).toContain(`gh-observe-all-sigint-${process.pid}`)
  })

  it('after SIGKILL of observe --all the instance stays, and the next start removes it', async () => {
    const first = startCli(['observe', '--all', '--for', '60s'])
    const name = await waitFor(() => instancesOf(first.pid)[0], 'the CLI’s instance')
    first.kill('SIGKILL')
    await first.exited
    expect(existsSync(`${INSTANCES}/${name}`)).toBe(true)
    const second = startCli(['observe', '--all', '--for', '1s', '--json'])
    expect(await second.exited).toBe(0)
    expect(existsSync(`${INSTANCES}/${name}`)).toBe(false)
    expect(instancesOf(second.pid)).toEqual([])
    const printed = JSON.parse(second.stdout()) as { summary: unknown[]; containers: Array<{ observation: Observation }> }
    expect(printed.summary.length).toBe(printed.containers.length)
  })

  it('--verify checks each container’s suggestion in turn, one copy at a time', async () => {
    const tag = `${process.pid}-v`
    const pinger = runContainer(`gh-observe-all-vping-${tag}`, [], ['sh', '-c', 'while true; do ping -c1 127.0.0.1 > /dev/null || exit 3; sleep 1; done'])
    const quiet = runContainer(`gh-observe-all-vquiet-${tag}`, [], ['sleep', '3600'])
    ids.push(pinger, quiet)
    const all = await observeAllContainers({ docker, seconds: 4 })
    // Only our two: other helpers' containers are not ours to copy.
    const ours = all.observations.filter((o) => o.container.id === pinger || o.container.id === quiet)
    expect(ours).toHaveLength(2)
    const steps: string[] = []
    const verified = await verifyEach({
      docker,
      observations: ours,
      suggestionOf: (id) => suggest(ours.find((o) => o.container.id === id)!),
      seconds: 5,
      labels: testLabels(),
      onProgress: ({ n, total, name, verification }) => {
        steps.push(`${n}/${total} ${name} ${verification ? (verification.ok ? 'ok' : 'failed') : 'start'}`)
      }
    })
    const names = ours.map((o) => o.container.name)
    // In turn: the second copy starts only after the first one's outcome.
    expect(steps).toEqual([`1/2 ${names[0]} start`, `1/2 ${names[0]} ok`, `2/2 ${names[1]} start`, `2/2 ${names[1]} failed`])
    expect(verified.get(pinger)).toMatchObject({ ok: true, capAdd: ['NET_RAW'] })
    // The idle one made no call in the window (sleep had already entered nanosleep): its profile refuses the
    // sleep a new copy must start, and the check says so. Evidence from the window, caught by the check.
    expect(verified.get(quiet)).toMatchObject({ ok: false, capAdd: [] })
  })
})
