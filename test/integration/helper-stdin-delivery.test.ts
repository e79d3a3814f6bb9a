// The helper in an image that brings its own Node (the case of a daemon on another kernel: Docker
// Desktop's VM, a remote host), on the real daemon: nothing of this machine is bound in but the
// daemon-side cgroup tree; the probe arrives on stdin. Its snapshot equals the in-process one on the
// fields helper-source.test.ts compares, through the shared daemon's socket and through a second
// daemon reached over tcp on loopback. The printed docker run command runs the same helper by hand.
import { execFile, execFileSync, execSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Docker from 'dockerode'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDockerClient } from '../../main/engine/docker-client'
import { readEngine } from '../../main/engine/read-engine'
import type { EngineReport } from '../../main/engine/types'
import { HELPER_LOADER } from '../../main/kernel/helper-bootstrap'
import { HELPER_BUNDLE_FILE } from '../../main/kernel/helper-bundle'
import { chooseKernel, type ChosenKernel } from '../../main/kernel/helper-kernel-choice'
import { HelperKernelSource } from '../../main/kernel/helper-source'
import { InProcessKernelSource } from '../../main/kernel/in-process-source'
import { requestFor } from '../../main/kernel/kernel-source'
import { buildSnapshot } from '../../main/model/build-snapshot'
import { DEFAULT_ROOTS } from '../../main/probe/probe-host'
import type { HostSnapshot } from '../../shared/model'
import { jsonDiff } from '../kernel/support/report-diff'
import { CLI } from './support/cli'
import { inspect, removeContainers, runContainer, TEST_IMAGE, TEST_LABEL, testRun } from './support/docker'
import { freeLoopbackPort } from './support/loopback-port'
import { partOf, unexplained } from './support/helper-compare'
import { BUILT_HELPER, assertHelperBuilt, helpersOwnedBy } from './support/helpers-left'
import { ensureOwnNodeImage } from './support/own-node-image'
import { startPrivateDaemon, type PrivateDaemon } from './support/private-daemon'

const prefix = `gh-stdin-${process.pid}`
const docker = new Docker()
const cliPids: number[] = []

/** The same snapshot of these containers through the helper and in-process, read from one engine report. */
async function bothWays(helper: { report: HelperKernelSource['report'] }, engine: EngineReport): Promise<{ viaHelper: HostSnapshot; inProcess: HostSnapshot }> {
  // Both read the kernel log (as if the engine had seen a kill): oomKills are compared read, not left unread.
  const request = { ...requestFor(engine), engineSawKill: true }
  const takenAt = new Date()
  return {
    viaHelper: buildSnapshot({ takenAt, engine, kernel: await helper.report(request) }),
    inProcess: buildSnapshot({ takenAt, engine, kernel: await new InProcessKernelSource().report(request) })
  }
}

/** The helper container's confinement and what is bound into it. */
async function expectNoBindButCgroups(client: Docker, id: string, image: string): Promise<void> {
  const inspected = await client.getContainer(id).inspect()
  expect(inspected.Config.Image).toBe(image)
  expect(inspected.Config.Cmd).toEqual(['-e', HELPER_LOADER])
  expect(inspected.HostConfig.Binds).toEqual(['/sys/fs/cgroup:/sys/fs/cgroup:ro'])
  expect(inspected.Mounts.map((m) => `${m.Type} ${m.Destination} ${m.RW ? 'rw' : 'ro'}`)).toEqual(['bind /sys/fs/cgroup ro'])
  expect(inspected.HostConfig).toMatchObject({ PidMode: 'host', NetworkMode: 'none', ReadonlyRootfs: true, CapDrop: ['ALL'], CapAdd: ['SYS_PTRACE', 'SYSLOG'], Devices: [{ PathOnHost: '/dev/kmsg', PathInContainer: '/dev/kmsg', CgroupPermissions: 'r' }] })
}

describe('through the shared daemon', () => {
  const started: string[] = []
  let image: string
  let helper: HelperKernelSource | null = null
  let engine: EngineReport

  beforeAll(async () => {
    assertHelperBuilt()
    image = ensureOwnNodeImage()
    started.push(runContainer(`${prefix}-plain`, []))
    started.push(runContainer(`${prefix}-user`, ['--user', '1000:1000']))
    started.push(runContainer(`${prefix}-limits`, ['--memory', '64m', '--pids-limit', '50', '--cpus', '0.5']))
    const { docker: client, endpoint, origin } = createDockerClient()
    engine = await readEngine(client, endpoint)
    helper = await HelperKernelSource.start(docker, {
      helperScript: BUILT_HELPER,
      engine: { host: origin.host, info: await docker.info() },
      configuredImage: image
    })
  }, 120_000)

  afterAll(async () => {
    await helper?.close()
    removeContainers(started)
  })

  it('binds nothing of this machine: only the daemon-side cgroup tree, the rootfs read-only', async () => {
    await expectNoBindButCgroups(docker, helper!.helper.id, image)
    expect(helper!.helper.ready.uid).toBe(0)
  })

  it('gives the same snapshot of these containers as the in-process probe, but for usage counters', async () => {
    const { viaHelper, inProcess } = await bothWays(helper!, engine)
    const mine = partOf(inProcess, started)
    expect(mine.containers).toHaveLength(started.length)
    expect(mine.processes).toHaveLength(started.length)
    expect(unexplained(jsonDiff(mine, partOf(viaHelper, started)))).toEqual([])
    const user = viaHelper.processes.find((p) => p.pid === inspect(started[1]!).State.Pid)
    expect(user?.uid).toBe(1000)
    expect(Object.values(user?.namespaces ?? {}).every((inode) => typeof inode === 'number')).toBe(true)
  })

  it('the printed command, with the file glasshouse helper-bundle writes, runs the same helper by hand', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gh-bundle-'))
    try {
      const printed = await cli(['snapshot', '--print-helper-command', '--helper-image', image])
      expect(printed.stdout).toContain(`glasshouse helper-bundle -o ${HELPER_BUNDLE_FILE}`)
      expect(printed.stdout).not.toContain(':/glasshouse')
      const written = await cli(['helper-bundle', '-o', join(dir, HELPER_BUNDLE_FILE)])
      expect(written).toMatchObject({ code: 0, stderr: '' })
      const pid = inspect(started[0]!).State.Pid
      const request = JSON.stringify({ op: 'report', id: 7, request: { containers: [{ id: started[0], pid }] } })
      const answer = execFileSync('sh', ['-c', printed.stdout], { cwd: dir, input: request + '\n', encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 })
      const [ready, report] = answer.trim().split('\n').map((line) => JSON.parse(line) as { type: string; id?: number; report?: { processes: Array<{ pid: number; namespaces: object }> } })
      expect(ready?.type).toBe('ready')
      expect(report).toMatchObject({ type: 'report', id: 7 })
      const init = report?.report?.processes.find((p) => p.pid === pid)
      expect(Object.values(init?.namespaces ?? {}).every((inode) => typeof inode === 'number')).toBe(true)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('is removed on close, and no helper of these commands is left', async () => {
    const id = helper!.helper.id
    await helper!.close()
    helper = null
    await expect(docker.getContainer(id).inspect()).rejects.toMatchObject({ statusCode: 404 })
    expect(await helpersOwnedBy(process.pid, ...cliPids)).toEqual([])
  })
})

describe('through a second daemon reached over tcp on loopback', () => {
  let daemon: PrivateDaemon | null = null
  let tcp: Docker
  let chosen: ChosenKernel | null = null
  let containerId: string

  beforeAll(async () => {
    assertHelperBuilt()
    daemon = await startPrivateDaemon({ tcpPort: await freeLoopbackPort() })
    execSync(`docker save ${TEST_IMAGE} | docker -H ${daemon.host} load`, { stdio: 'ignore' })
    const image = ensureOwnNodeImage(daemon.host)
    containerId = daemon.docker('run', '-d', '--network', 'none', '--user', '1000:1000', '--name', `${prefix}-tcp`, '--label', `${TEST_LABEL}=${testRun()}`, TEST_IMAGE, 'sleep', '3600')
    const port = Number(new URL(daemon.tcpHost!).port)
    tcp = new Docker({ host: '127.0.0.1', port, protocol: 'http' })
    chosen = await chooseKernel({ probe: 'helper', roots: DEFAULT_ROOTS, engine: { docker: tcp, host: daemon.tcpHost! }, helperScript: BUILT_HELPER, image: { configuredImage: image } })
  }, 180_000)

  afterAll(async () => {
    await chosen?.source.close()
    await daemon?.destroy()
  }, 60_000)

  it('starts the helper on that daemon, with nothing of this machine bound in', async () => {
    expect(chosen?.readBy.source).toBe('helper')
    const helper = (chosen!.source as HelperKernelSource).helper
    await expectNoBindButCgroups(tcp, helper.id, ensureOwnNodeImage(daemon!.host))
    // It is that daemon's container: the shared daemon does not know it.
    await expect(docker.getContainer(helper.id).inspect()).rejects.toMatchObject({ statusCode: 404 })
  })

  it("gives the same snapshot of that daemon's container as the in-process probe, but for usage counters", async () => {
    const engine = await readEngine(tcp, daemon!.tcpHost!)
    const { viaHelper, inProcess } = await bothWays(chosen!.source as HelperKernelSource, engine)
    const mine = partOf(inProcess, [containerId])
    expect(mine.processes).toHaveLength(1)
    expect(unexplained(jsonDiff(mine, partOf(viaHelper, [containerId])))).toEqual([])
  })

  it('is removed from that daemon on close', async () => {
    const id = (chosen!.source as HelperKernelSource).helper.id
    await chosen!.source.close()
    chosen = null
    await expect(tcp.getContainer(id).inspect()).rejects.toMatchObject({ statusCode: 404 })
  })
})

function cli(args: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [CLI, ...args], { maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) =>
      resolve({ stdout, stderr, code: error ? ((error as { code?: number }).code ?? 1) : 0 })
    )
    if (child.pid) cliPids.push(child.pid)
  })
}

