// What watching costs: `glasshouse watch` at 1 Hz against the daemon's own CPU while
// `docker stats` streams the same containers, and how soon a new container shows up.
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { loadavg } from 'node:os'
import type { LiveMessage } from '../../shared/live'
import { BENCH_LABEL, CLI, cpuSecondsOf, median, pidOf, runBenchContainer, type BenchContext } from './bench-support'

// Two slow refreshes (every 30 s) fall in each window, so its share is counted fairly.
const WINDOW_MS = 60_000
const SYSCALL_WINDOW_MS = 10_000
const WARM_UP_MS = 5_000
const LATENCY_RUNS = 9

interface Watch {
  child: ChildProcess
  messages: Array<{ at: number; message: LiveMessage }>
  waitFor: (match: (m: LiveMessage) => boolean, from: number, timeoutMs: number) => Promise<number>
  stop: () => Promise<void>
}

function startWatch(extraArgs: string[] = []): Watch {
  const child = spawn(process.execPath, [CLI, 'watch', '--json', '--interval', '1s', ...extraArgs], { stdio: ['ignore', 'pipe', 'inherit'] })
  const messages: Watch['messages'] = []
  let buffer = ''
  child.stdout?.setEncoding('utf8')
  child.stdout?.on('data', (chunk: string) => {
    buffer += chunk
    let cut = buffer.indexOf('\n')
    while (cut >= 0) {
      messages.push({ at: Date.now(), message: JSON.parse(buffer.slice(0, cut)) as LiveMessage })
      buffer = buffer.slice(cut + 1)
      cut = buffer.indexOf('\n')
    }
  })
  return {
    child,
    messages,
    async waitFor(match, from, timeoutMs) {
      const deadline = Date.now() + timeoutMs
      for (;;) {
        const found = messages.slice(from).find((m) => match(m.message))
        if (found) return found.at
        if (Date.now() > deadline) throw new Error('watch did not show the new container in time')
        await new Promise((r) => setTimeout(r, 5))
      }
    },
    async stop() {
      const exited = new Promise((r) => child.once('exit', r))
      child.kill('SIGINT')
      await exited
    }
  }
}

/** CPU cores a process used over a window: (Δ user+system seconds) / (Δ wall seconds). */
async function coresOver(pid: number, windowMs: number): Promise<number> {
  const cpuBefore = cpuSecondsOf(pid)
  const wallBefore = performance.now()
  await new Promise((r) => setTimeout(r, windowMs))
  return (cpuSecondsOf(pid) - cpuBefore) / ((performance.now() - wallBefore) / 1000)
}

export async function benchWatch(ctx: BenchContext): Promise<string> {
  const dockerd = pidOf('dockerd')

  ctx.log(`Watch: ${WINDOW_MS / 1000} s of glasshouse watch at 1 Hz (and, alongside, watch --no-engine)…\n`)
  const watch = startWatch()
  // The same window without the daemon: no refresh is triggered by Docker events, so on a shared host the
  // containers other people start and stop do not count in it.
  const kernelOnly = startWatch(['--no-engine'])
  await new Promise((r) => setTimeout(r, WARM_UP_MS))
  const windowStart = new Date()
  const firstMessage = watch.messages.length
  const loadBefore = loadavg()[0] ?? 0
  const [watchCores, kernelOnlyCores, daemonWhileWatching] = await Promise.all([
    coresOver(watch.child.pid as number, WINDOW_MS),
    coresOver(kernelOnly.child.pid as number, WINDOW_MS),
    coresOver(dockerd, WINDOW_MS)
  ])
  const windowEnd = new Date()
  const loadAfter = loadavg()[0] ?? 0
  await kernelOnly.stop()
  const patchesInWindow = watch.messages.slice(firstMessage).filter((m) => m.message.type === 'patch').length
  const foreignEvents = foreignContainerEvents(windowStart, windowEnd)
  const selfReported = watch.messages
    .map((m) => m.message)
    .filter((m) => m.type === 'sample')
    .slice(-WINDOW_MS / 1000)
    .map((m) => (m.type === 'sample' ? m.self.cpuCores : 0))
  const tickRead = watch.messages.flatMap((m) => (m.message.type === 'sample' ? [m.message.self.readMs] : [])).slice(-30)
  const openFds = readdirSync(`/proc/${watch.child.pid}/fd`).length
  // Right after the window (65 s in): the next slow refresh comes at 90 s, so these are ticks alone.
  const perTick = await fileCallsPerSecond(watch.child.pid as number, SYSCALL_WINDOW_MS)

  ctx.log(`Latency: ${LATENCY_RUNS} × docker run while watching…\n`)
  const latencies: number[] = []
  for (let i = 0; i < LATENCY_RUNS; i++) {
    const from = watch.messages.length
    const id = runBenchContainer(`gh-bench-latency-${i}`)
    const returned = Date.now()
    const seenAt = await watch.waitFor(
      (m) => m.type === 'patch' && m.patch.upsert.containers.some((c) => c.id === id && c.pid !== null),
      from,
      10_000
    )
    latencies.push(seenAt - returned)
    await new Promise((r) => setTimeout(r, 500))
  }
  await watch.stop()

  ctx.log(`Daemon: ${WINDOW_MS / 1000} s of docker stats streaming the same containers…\n`)
  const ids = execFileSync('docker', ['ps', '-q', '--filter', `label=${BENCH_LABEL}`], { encoding: 'utf8' }).split('\n').filter(Boolean)
  const stats = spawn('docker', ['stats', '--format', '{{.ID}} {{.CPUPerc}} {{.MemUsage}}', ...ids], { stdio: ['ignore', 'ignore', 'inherit'] })
  await new Promise((r) => setTimeout(r, WARM_UP_MS))
  const [daemonWhileStats, statsClientCores] = await Promise.all([coresOver(dockerd, WINDOW_MS), coresOver(stats.pid as number, WINDOW_MS)])
  // docker stats ignores SIGINT and SIGTERM while streaming.
  const statsExited = new Promise((r) => stats.once('exit', r))
  stats.kill('SIGKILL')
  await statsExited

  const pct = (cores: number): string => `${(cores * 100).toFixed(2)}% of one core`
  return [
    '## Watch',
    '',
    `Containers: ${ctx.containers} (3 processes each), 1 Hz, ${WINDOW_MS / 1000} s windows after ${WARM_UP_MS / 1000} s warm-up.`,
    '',
    '| what | CPU |',
    '|---|---|',
    `| glasshouse watch process (from /proc/<pid>/stat) | ${pct(watchCores)} |`,
    `| glasshouse watch --no-engine, same window | ${pct(kernelOnlyCores)} |`,
    `| … as it reports itself (median of samples' self.cpuCores) | ${pct(median(selfReported))} |`,
    `| dockerd while glasshouse watches | ${pct(daemonWhileWatching)} |`,
    `| dockerd while docker stats streams the same containers | ${pct(daemonWhileStats)} |`,
    `| the docker stats client itself | ${pct(statsClientCores)} |`,
    '',
    `In the window: ${patchesInWindow} patches sent (structure refreshes that changed something), ` +
      `${foreignEvents} Docker container events from containers other than the bench's (each asks for a refresh); ` +
      `load average ${loadBefore.toFixed(1)} before, ${loadAfter.toFixed(1)} after.`,
    `Reading the cgroup files per tick: median ${median(tickRead).toFixed(1)} ms.`,
    perTick === null
      ? 'File reads per tick: not counted (no strace).'
      : `File reads per tick (strace, ${SYSCALL_WINDOW_MS / 1000} s without a refresh): ${perTick.pread.toFixed(0)} pread64 ` +
        `(${(perTick.pread / ctx.containers).toFixed(1)} per container), ${perTick.openat.toFixed(0)} openat.`,
    `Open fds of the watch process: ${openFds}.`,
    `Target: the whole watch process under 1% of one core: ${watchCores < 0.01 ? 'met' : 'NOT met'} ` +
      `(--no-engine: ${kernelOnlyCores < 0.01 ? 'met' : 'NOT met'}).`,
    '',
    `docker run returning → first patch showing the container: median ${median(latencies).toFixed(0)} ms ` +
      `(runs: ${latencies.map((l) => l.toFixed(0)).join(', ')} ms; target under 250 ms: ${median(latencies) < 250 ? 'met' : 'NOT met'}).`,
    ''
  ].join('\n')
}

/** Docker container events in [since, until] from containers that are not the bench's own. */
function foreignContainerEvents(since: Date, until: Date): number {
  const result = spawnSync(
    'docker',
    ['events', '--since', since.toISOString(), '--until', until.toISOString(), '--filter', 'type=container', '--format', '{{.Actor.Attributes.name}}'],
    { encoding: 'utf8' }
  )
  return result.stdout.split('\n').filter((name) => name !== '' && !name.startsWith('gh-bench-')).length
}

/** pread64 and openat calls per second of a running process, counted by strace; null without strace. */
async function fileCallsPerSecond(pid: number, windowMs: number): Promise<{ pread: number; openat: number } | null> {
  if (spawnSync('strace', ['-V'], { stdio: 'ignore' }).status !== 0) return null
  const strace = spawn('strace', ['-f', '-c', '-e', 'trace=pread64,openat', '-p', String(pid)], { stdio: ['ignore', 'ignore', 'pipe'] })
  let report = ''
  strace.stderr?.setEncoding('utf8')
  strace.stderr?.on('data', (chunk: string) => (report += chunk))
  await new Promise((r) => setTimeout(r, windowMs))
  const exited = new Promise((r) => strace.once('exit', r))
  strace.kill('SIGINT')
  await exited
  // The summary's rows end with the call count, (errors,) and the syscall's name.
  const calls = (name: string): number => {
    const row = report.split('\n').find((line) => line.trim().endsWith(` ${name}`))
    const fields = row?.trim().split(/\s+/) ?? []
    return Number(fields[3] ?? 0)
  }
  const seconds = windowMs / 1000
  return { pread: calls('pread64') / seconds, openat: calls('openat') / seconds }
}
