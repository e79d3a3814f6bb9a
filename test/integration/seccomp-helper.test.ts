// Live seccomp filters read THROUGH a helper container, on the real daemon: as root with --probe helper,
// a container with Docker's default profile, one unconfined and one with a custom profile decode exactly
// as the in-process read decodes them; an unprivileged user in the socket's group gets the filters with
// `snapshot --seccomp-filters` (auto takes the helper); the short-lived seccomp helper (SYS_PTRACE +
// SYS_ADMIN, seccomp=unconfined) exists only during the read and is removed after it, also when the
// read fails; the session helper (SYS_PTRACE only) answers the same request with the obstacle, never a dump.
import { execFile, execFileSync } from 'node:child_process'
import { readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Docker from 'dockerode'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { HostSnapshot } from '../../shared/model'
import type { SeccompFiltersReport } from '../../shared/seccomp/report'
import { createBackend } from '../../main/backend/create-backend'
import { HelperContainer } from '../../main/kernel/helper-container'
import { OWNER_PID_LABEL } from '../../main/kernel/helper-owner'
import type { HelperMessage } from '../../main/kernel/helper-protocol'
import { helperSpec } from '../../main/kernel/helper-spec'
import { readFiltersThroughHelper } from '../../main/kernel/seccomp-helper-read'
import { HELPER_ROLE_LABEL } from '../../main/kernel/seccomp-helper-spec'
import { CLI, assertBuilt } from './support/cli'
import { writeCustomProfile } from './support/custom-seccomp-profile'
import { createSocketUser, type SocketUser } from './support/socket-user'
import { inspect, removeContainers, runContainer } from './support/docker'
import { BUILT_HELPER, assertHelperBuilt, helpersOwnedBy } from './support/helpers-left'

type Snapshot = HostSnapshot & { seccompFilters: SeccompFiltersReport; kernelReadBy: { source: string } }
interface Run {
  stdout: string
  stderr: string
  code: number
}

const started: string[] = []
const cliPids: number[] = []
const ids: Record<'standard' | 'unconfined' | 'custom', string> = { standard: '', unconfined: '', custom: '' }
let profileDir: string
let user: SocketUser | null = null
let local: Snapshot
let throughHelper: Snapshot
let helperRunSince = 0
let helperRunUntil = 0

/** The built CLI, as root or as the test's unprivileged user (in the socket's group). */
function cli(args: string[], asUser = false): Promise<Run> {
  const { file, args: argv, env } = asUser ? user!.command([process.execPath, CLI, ...args]) : { file: process.execPath, args: [CLI, ...args], env: process.env }
  return new Promise((resolve) => {
    const child = execFile(file, argv, { env, maxBuffer: 256 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ stdout, stderr, code: error ? ((error as { code?: number }).code ?? 1) : 0 })
    })
    if (child.pid) cliPids.push(child.pid)
  })
}

async function snapshotOf(args: string[], asUser = false): Promise<Snapshot> {
  const run = await cli(['snapshot', '--json', '--seccomp-filters', ...args], asUser)
  if (run.code !== 0) throw new Error(`snapshot ${args.join(' ')} exited ${run.code}: ${run.stderr}`)
  return JSON.parse(run.stdout) as Snapshot
}

/** What a report says of one container: the chain's name, its filters' lengths and every decoded verdict. */
function decodedOf(report: SeccompFiltersReport, id: string): unknown {
  const container = report.containers.find((c) => c.containerId === id)
  const chain = report.chains.find((c) => c.fingerprint === container?.fingerprint)
  return { fingerprint: container?.fingerprint, match: chain?.match, filterLengths: chain?.filterLengths, decoded: chain?.decoded }
}

/** Host pids of our containers' processes that are in a stop (t: traced, T: stopped). */
function stoppedProcessesOf(containerIds: readonly string[]): string[] {
  const stopped: string[] = []
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      if (!containerIds.some((id) => readFileSync(`/proc/${entry}/cgroup`, 'utf8').includes(id))) continue
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8')
      const state = stat.charAt(stat.lastIndexOf(')') + 2)
      if (state === 't' || state === 'T') stopped.push(`${entry} ${state}`)
    } catch {
      // Gone meanwhile.
    }
  }
  return stopped
}

/** `docker events` of seccomp helpers owned by one of these pids in [since, until] (unix seconds): "create id", "destroy id". */
function seccompHelperEvents(since: number, until: number, pids: readonly number[]): string[] {
  const out = execFileSync(
    'docker',
    ['events', '--since', String(since), '--until', String(until), '--filter', 'type=container', '--filter', `label=${HELPER_ROLE_LABEL}=seccomp-read`, '--format', '{{.Action}} {{.Actor.ID}} {{index .Actor.Attributes "' + OWNER_PID_LABEL + '"}}'],
    { encoding: 'utf8' }
  )
  return out
    .split('\n')
    .filter((line) => pids.map(String).includes(line.split(' ')[2] ?? ''))
    .map((line) => line.split(' ').slice(0, 2).join(' '))
    .filter((line) => /^(create|destroy) /.test(line))
}

beforeAll(async () => {
  assertBuilt()
  assertHelperBuilt()
  const { dir, path: profile } = writeCustomProfile('glasshouse-seccomp-helper-')
  profileDir = dir
  const tag = `${process.pid}-${Date.now()}`
  ids.standard = runContainer(`gh-secchelp-default-${tag}`, [])
  ids.unconfined = runContainer(`gh-secchelp-unconfined-${tag}`, ['--security-opt', 'seccomp=unconfined'])
  ids.custom = runContainer(`gh-secchelp-custom-${tag}`, ['--security-opt', `seccomp=${profile}`])
  started.push(ids.standard, ids.unconfined, ids.custom)
  user = createSocketUser(`ghsecc${process.pid}`)
  local = await snapshotOf(['--probe', 'local'])
  helperRunSince = Math.floor(Date.now() / 1000) - 1
  throughHelper = await snapshotOf(['--probe', 'helper'])
  helperRunUntil = Math.ceil(Date.now() / 1000) + 1
})

afterAll(() => {
  removeContainers(started)
  user?.remove()
  rmSync(profileDir, { recursive: true, force: true })
})

afterEach(() => {
  expect(stoppedProcessesOf(started)).toEqual([])
})

describe('snapshot --seccomp-filters --probe helper, as root', () => {
  it('reads the filters through a helper, with no obstacle', () => {
    expect(throughHelper.kernelReadBy.source).toBe('helper')
    expect(throughHelper.seccompFilters.obstacle).toBeNull()
    expect(local.kernelReadBy.source).toBe('in-process')
  })

  it('default, unconfined and custom profile decode exactly as the in-process read decodes them', () => {
    for (const id of Object.values(ids)) expect(decodedOf(throughHelper.seccompFilters, id)).toEqual(decodedOf(local.seccompFilters, id))
    expect(decodedOf(throughHelper.seccompFilters, ids.standard)).toMatchObject({ match: 'docker-default', filterLengths: [974] })
    expect(decodedOf(throughHelper.seccompFilters, ids.unconfined)).toMatchObject({ match: 'unconfined', fingerprint: 'none' })
    expect(decodedOf(throughHelper.seccompFilters, ids.custom)).toMatchObject({ match: 'custom' })
    // The read process is the container's init, stopped briefly by the helper's ptrace.
    const standard = throughHelper.seccompFilters.containers.find((c) => c.containerId === ids.standard)?.reads[0]
    expect(standard?.pid).toBe(inspect(ids.standard).State.Pid)
    expect(standard?.stoppedMs).toBeGreaterThan(0)
  })

  it('a short-lived seccomp helper was created for the read and destroyed after it', () => {
    const events = seccompHelperEvents(helperRunSince, helperRunUntil, cliPids)
    expect(events.map((e) => e.split(' ')[0])).toEqual(['create', 'destroy'])
    expect(new Set(events.map((e) => e.split(' ')[1])).size).toBe(1)
  })
})

describe('as an unprivileged user in the socket group', () => {
  it('snapshot --seccomp-filters reads the filters (through the helper), where the local read cannot', async () => {
    const snapshot = await snapshotOf([], true)
    expect(snapshot.kernelReadBy.source).toBe('helper')
    expect(snapshot.seccompFilters.obstacle).toBeNull()
    for (const id of Object.values(ids)) expect(decodedOf(snapshot.seccompFilters, id)).toEqual(decodedOf(local.seccompFilters, id))
    const refused = await snapshotOf(['--probe', 'local'], true)
    expect(refused.seccompFilters.obstacle?.reason).toBe('needs-root')
  })
})

describe('the seccomp helper is gone after the read, also when the read fails', () => {
  const docker = new Docker()
  const session = () => helperSpec({ helperScript: BUILT_HELPER })
  const ours = () => ({ containers: [{ id: ids.standard, name: 'standard', pid: inspect(ids.standard).State.Pid }], processes: [] }) as unknown as HostSnapshot

  it('without SYS_ADMIN the helper says why, stops nobody, and is removed', async () => {
    const report = await readFiltersThroughHelper(docker, session(), ours(), { capabilities: ['SYS_PTRACE'] })
    expect(report.obstacle).toEqual({ reason: 'needs-root', text: expect.stringMatching(/^in the seccomp helper container: reading live filters needs/) })
    expect(await helpersOwnedBy(process.pid)).toEqual([])
  })

  it('under seccomp itself the helper says so, and is removed', async () => {
    const report = await readFiltersThroughHelper(docker, session(), ours(), { securityOpt: [] })
    expect(report.obstacle?.reason).toBe('self-under-seccomp')
    expect(await helpersOwnedBy(process.pid)).toEqual([])
  })

  it('a helper that dies before it is ready yields a reason, and is removed', async () => {
    // A script that exits at once: the container ends before its ready line.
    const dying = join(profileDir, 'dies.js')
    writeFileSync(dying, 'process.exit(3)\n')
    const report = await readFiltersThroughHelper(docker, helperSpec({ helperScript: dying }), ours())
    expect(report.obstacle).toEqual({ reason: 'error', text: expect.stringMatching(/^the seccomp helper container could not read the filters: the helper container ended before it was ready/) })
    expect(report.containers.map((c) => c.containerId)).toEqual([ids.standard])
    expect(await helpersOwnedBy(process.pid)).toEqual([])
  })

  it("the session helper (SYS_PTRACE only, Docker's default filter) answers the request with the obstacle, never a dump", async () => {
    const helper = await HelperContainer.start(docker, session())
    try {
      const answer = new Promise<HelperMessage>((resolve) => helper.onMessage((m) => m.type === 'seccomp-filters' && resolve(m)))
      helper.send({ op: 'seccomp-filters', id: 5, groups: [[inspect(ids.standard).State.Pid]] })
      expect(await answer).toEqual({ type: 'seccomp-filters', id: 5, reads: { obstacle: 'self-under-seccomp', reads: null } })
    } finally {
      await helper.close()
    }
    expect(await helpersOwnedBy(process.pid)).toEqual([])
  })
})

describe("the app's seccomp:read when the session's kernel is read by a helper", () => {
  it('reads through the short-lived helper and removes it', async () => {
    const backend = await createBackend({ env: process.env, carrier: 'serve', version: 'test', probe: 'helper', helperImage: {}, helperScript: BUILT_HELPER })
    try {
      expect((await backend.handlers['snapshot:get']()).kernelReadBy?.source).toBe('helper')
      const report = await backend.handlers['seccomp:read']()
      expect(report.obstacle).toBeNull()
      expect(decodedOf(report, ids.custom)).toEqual(decodedOf(local.seccompFilters, ids.custom))
      // Only the session's helper is left while the session runs.
      expect(await helpersOwnedBy(process.pid)).toHaveLength(1)
    } finally {
      await backend.close()
    }
    expect(await helpersOwnedBy(process.pid)).toEqual([])
  })
})

describe('after every run', () => {
  it('no helper container of these commands is left', async () => {
    expect(cliPids.length).toBeGreaterThanOrEqual(4)
    expect(await helpersOwnedBy(...cliPids)).toEqual([])
  })
})
