// What reading the kernel through a helper container costs (issue 10): the helper's start to the first
// snapshot, one snapshot through the helper against one read in this process, and a steady 1 Hz watch
// of the bench containers through the helper (the watch process's CPU plus the helper's own) against
// the in-process watch of the same containers, both running in the same window.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { resolve } from 'node:path'
import Docker from 'dockerode'
import { createDockerClient } from '../../main/engine/docker-client'
import { chooseKernel, type ChosenKernel } from '../../main/kernel/helper-kernel-choice'
import { HELPER_LABEL, OWNER_PID_LABEL } from '../../main/kernel/helper-owner'
import { InProcessKernelSource } from '../../main/kernel/in-process-source'
import { LiveSession } from '../../main/live/live-session'
import { takeSnapshot } from '../../main/model/take-snapshot'
import { DEFAULT_ROOTS } from '../../main/probe/probe-host'
import { CLI, cpuSecondsOf, median, timeAsync, type BenchContext } from './bench-support'

const HELPER_SCRIPT = resolve(__dirname, '../../out/main/helper.js')
const WINDOW_MS = 60_000
const WARM_UP_MS = 5_000
const TARGET_RATIO = 1.5

export async function benchHelper(ctx: BenchContext): Promise<string> {
  const engine = createDockerClient()
  const chooseHelper = (): Promise<ChosenKernel> =>
    chooseKernel({ probe: 'helper', roots: DEFAULT_ROOTS, engine: { docker: engine.docker, host: engine.origin.host }, helperScript: HELPER_SCRIPT })

  ctx.log(`Helper: ${ctx.runs} × helper start to the first snapshot of a live session…\n`)
  const starts: number[] = []
  for (let i = 0; i < ctx.runs; i++) starts.push(await startToFirstSnapshot(engine, chooseHelper))

  ctx.log(`Helper: ${ctx.runs} × one snapshot through the helper and in this process, alternating…\n`)
  const helper = await chooseHelper()
  const local = new InProcessKernelSource(DEFAULT_ROOTS)
  const through: number[] = []
  const inProcess: number[] = []
  try {
    for (let i = 0; i < ctx.runs; i++) {
      through.push(await timeAsync(() => takeSnapshot({ kernel: helper.source, engine })))
      inProcess.push(await timeAsync(() => takeSnapshot({ kernel: local, engine })))
    }
  } finally {
    await helper.source.close()
    await local.close()
  }

  ctx.log(`Helper: ${WINDOW_MS / 1000} s of watch at 1 Hz through the helper and, alongside, in-process…\n`)
  const viaHelper = startWatch(['--probe', 'helper'])
  const inProc = startWatch(['--probe', 'local'])
  let cores: { watch: number; helper: number; local: number }
  try {
    await new Promise((r) => setTimeout(r, WARM_UP_MS))
    const helperPid = await helperProcessOf(viaHelper.pid as number)
    const pids = [viaHelper.pid as number, helperPid, inProc.pid as number]
    const before = pids.map(cpuSecondsOf)
    const wallBefore = performance.now()
    await new Promise((r) => setTimeout(r, WINDOW_MS))
    const seconds = (performance.now() - wallBefore) / 1000
    const [watch, helperCores, localCores] = pids.map((pid, i) => (cpuSecondsOf(pid) - (before[i] as number)) / seconds)
    cores = { watch: watch as number, helper: helperCores as number, local: localCores as number }
  } finally {
    await Promise.all([stop(viaHelper), stop(inProc)])
  }
  const ratio = (cores.watch + cores.helper) / cores.local

  const ms = (values: number[]): string => `median ${median(values).toFixed(0)} ms (runs: ${values.map((v) => v.toFixed(0)).join(', ')})`
  const pct = (c: number): string => `${(c * 100).toFixed(2)}% of one core`
  return [
    '## Helper container',
    '',
    `Containers: ${ctx.containers} (3 processes each). The helper runs the empty local image with this host's Node bound in.`,
    '',
    `Helper start (orphans removed, image checked, container created, attached, started, ready) to the live session's first snapshot: ${ms(starts)}.`,
    '',
    `One snapshot (engine read, kernel report, join): through the helper ${ms(through)}; in this process ${ms(inProcess)}.`,
    '',
    `Steady watch at 1 Hz, both in the same ${WINDOW_MS / 1000} s window after ${WARM_UP_MS / 1000} s warm-up:`,
    '',
    '| what | CPU |',
    '|---|---|',
    `| glasshouse watch --probe helper (the app's side) | ${pct(cores.watch)} |`,
    `| its helper container's node process | ${pct(cores.helper)} |`,
    `| both together | ${pct(cores.watch + cores.helper)} |`,
    `| glasshouse watch --probe local (in-process) | ${pct(cores.local)} |`,
    '',
    `Ratio helper (both) / in-process: ${ratio.toFixed(2)}× (target ≤ ${TARGET_RATIO}×: ${ratio <= TARGET_RATIO ? 'met' : 'NOT met'}).`,
    ''
  ].join('\n')
}

async function startToFirstSnapshot(engine: ReturnType<typeof createDockerClient>, chooseHelper: () => Promise<ChosenKernel>): Promise<number> {
  const begin = performance.now()
  const kernel = await chooseHelper()
  let first = 0
  const session = new LiveSession({
    engine: { ...engine, ...(kernel.engineInfo ? { info: kernel.engineInfo } : {}) },
    kernel: kernel.source,
    kernelReadBy: kernel.readBy,
    onMessage: (m) => {
      if (m.type === 'snapshot' && first === 0) first = performance.now()
    }
  })
  try {
    await session.start()
  } finally {
    await session.stop()
    await kernel.source.close()
  }
  return first - begin
}

function startWatch(args: string[]): ChildProcess {
  return spawn(process.execPath, [CLI, 'watch', '--json', '--interval', '1s', ...args], { stdio: ['ignore', 'ignore', 'inherit'] })
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return
  const exited = new Promise((r) => child.once('exit', r))
  child.kill('SIGINT')
  await exited
}

/** The host PID of the node process in the helper container that a watch process started. */
async function helperProcessOf(ownerPid: number): Promise<number> {
  const docker = new Docker()
  const listed = await docker.listContainers({ filters: { label: [`${HELPER_LABEL}=1`, `${OWNER_PID_LABEL}=${ownerPid}`] } })
  const id = listed[0]?.Id
  if (!id) throw new Error(`no helper container of watch ${ownerPid}`)
  const pid = Number(execFileSync('docker', ['inspect', '--format', '{{.State.Pid}}', id], { encoding: 'utf8' }).trim())
  if (!(pid > 0)) throw new Error(`the helper container ${id.slice(0, 12)} does not run`)
  return pid
}
