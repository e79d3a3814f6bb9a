// npx tsx scripts/bench/observe-bench.ts [--runs 3] [--bytes 1000000]: what observing costs (issue 14).
// A syscall-heavy loop in a container (busybox dd with bs=1: one read and one write per byte) is timed
// by the container itself (/proc/uptime before and after, 10 ms resolution) without observation, with
// capability checks only (--no-syscalls), and with capability checks and every syscall; Glasshouse's own
// CPU (this process: it reads trace_pipe and counts) is measured over the same window. Last mode: the same
// loop while `observe --all` follows every running container of the host at once (one instance; the
// window closed when the loop's container exits). Prints Markdown.
// Containers carry the glasshouse.test label and are removed, also on failure.
import Docker from 'dockerode'
import { execFile, execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs, promisify } from 'node:util'
import { observeAllContainers } from '../../main/observe/observe-all'
import { observeContainer } from '../../main/observe/observe-container'

const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' }, bytes: { type: 'string', default: '1000000' } } })
const runs = Number(values.runs)
const bytes = Number(values.bytes)
const docker = new Docker()
const LABEL = 'glasshouse.test=observe-bench'
type Mode = 'off' | 'capabilities' | 'capabilities + syscalls (default: each once)' | 'capabilities + every syscall counted' | 'every container at once (observe --all, default)' | 'every container at once, capabilities only (--all --no-syscalls)'
const ALL: Mode = 'every container at once (observe --all, default)'
const ALL_CAPS: Mode = 'every container at once, capabilities only (--all --no-syscalls)'

interface Sample {
  /** Containers the window followed (observe --all). */
  containers?: number
  seconds: number
  cpuSeconds: number | null
  events: number
  lost: number
}

function sh(...args: string[]): string {
  return execFileSync('docker', args, { encoding: 'utf8' }).trim()
}

async function once(mode: Mode): Promise<Sample> {
  const dir = mkdtempSync(join(tmpdir(), 'gh-observe-bench-'))
  const script = `while [ ! -e /sync/go ]; do sleep 1; done; read a _ < /proc/uptime; dd if=/dev/zero of=/dev/null bs=1 count=${bytes} 2>/dev/null; read b _ < /proc/uptime; echo "$a $b"`
  const id = sh('run', '-d', '--label', LABEL, '-v', `${dir}:/sync:ro`, 'glasshouse-test:busybox', 'sh', '-c', script)
  try {
    let cpuSeconds: number | null = null
    let events = 0
    let lost = 0
    let containers: number | undefined
    if (mode === 'off') {
      writeFileSync(join(dir, 'go'), '')
    } else if (mode === ALL || mode === ALL_CAPS) {
      let cpuAtStart = process.cpuUsage()
      const done = new AbortController()
      void promisify(execFile)('docker', ['wait', id]).finally(() => done.abort())
      const all = await observeAllContainers({
        docker,
        seconds: 600,
        signal: done.signal,
        withSyscalls: mode === ALL,
        onStarted: () => {
          cpuAtStart = process.cpuUsage()
          writeFileSync(join(dir, 'go'), '')
        }
      })
      const cpu = process.cpuUsage(cpuAtStart)
      cpuSeconds = (cpu.user + cpu.system) / 1e6
      const own = all.observations.find((o) => o.container.id === id)!
      events = own.syscalls.reduce((n, s) => n + s.count, 0) + own.capabilities.reduce((n, c) => n + c.granted + c.denied + c.otherCredential, 0)
      lost = own.lostEvents
      const sample = { containers: all.observations.length, ignored: all.ignoredEvents }
      process.stderr.write(`  all: ${sample.containers} containers, ${sample.ignored} events of the runtime left out\n`)
      containers = all.observations.length
    } else {
      let cpuAtStart = process.cpuUsage()
      const observation = await observeContainer({
        docker,
        container: id,
        seconds: 600,
        withSyscalls: mode !== 'capabilities',
        countSyscalls: mode === 'capabilities + every syscall counted',
        onStarted: () => {
          cpuAtStart = process.cpuUsage()
          writeFileSync(join(dir, 'go'), '')
        }
      })
      const cpu = process.cpuUsage(cpuAtStart)
      cpuSeconds = (cpu.user + cpu.system) / 1e6
      events = observation.syscalls.reduce((n, s) => n + s.count, 0) + observation.capabilities.reduce((n, c) => n + c.granted + c.denied + c.otherCredential, 0)
      lost = observation.lostEvents
    }
    sh('wait', id)
    const [a, b] = sh('logs', id).split(/\s+/).map(Number)
    return { seconds: b! - a!, cpuSeconds, events, lost, ...(containers === undefined ? {} : { containers }) }
  } finally {
    sh('rm', '-f', id)
    rmSync(dir, { recursive: true, force: true })
  }
}

function median(xs: number[]): number {
  const s = [...xs].sort((p, q) => p - q)
  return s[Math.floor(s.length / 2)]!
}

async function main(): Promise<void> {
  const only = process.env.OBSERVE_BENCH_MODES?.split(',')
  const modes: Mode[] = (['off', 'capabilities', 'capabilities + syscalls (default: each once)', 'capabilities + every syscall counted', ALL, ALL_CAPS] as Mode[]).filter((m, i) => !only || only.includes(String(i)))
  const samples = new Map<Mode, Sample[]>(modes.map((m) => [m, []]))
  // Interleaved, so a change in the machine's load touches every mode alike.
  for (let r = 0; r < runs; r++) {
    for (const mode of modes) {
      const sample = await once(mode)
      samples.get(mode)!.push(sample)
      process.stderr.write(`${mode}: ${sample.seconds.toFixed(2)} s, cpu ${sample.cpuSeconds?.toFixed(2) ?? '-'} s, ${sample.events} events, ${sample.lost} lost\n`)
    }
  }
  const base = median(samples.get('off')!.map((s) => s.seconds))
  const rows = modes.map((mode) => {
    const list = samples.get(mode)!
    const seconds = median(list.map((s) => s.seconds))
    const throughput = (2 * bytes) / seconds
    const cpu = list[0]!.cpuSeconds === null ? '–' : `${median(list.map((s) => s.cpuSeconds!)).toFixed(2)} s (${((100 * median(list.map((s) => s.cpuSeconds!))) / seconds).toFixed(0)}% of a core)`
    const followed = list[0]!.containers === undefined ? '' : ` (${median(list.map((s) => s.containers!))} containers followed)`
    const events = mode === 'off' ? '–' : `${median(list.map((s) => s.events))} counted, ${median(list.map((s) => s.lost))} lost${followed}`
    return `| ${mode} | ${seconds.toFixed(2)} s | ${(throughput / 1e6).toFixed(2)} M/s | ${((seconds / base - 1) * 100).toFixed(0)}% | ${cpu} | ${events} |`
  })
  process.stdout.write(
    [
      `Workload: \`dd if=/dev/zero of=/dev/null bs=1 count=${bytes}\` (${2 * bytes} syscalls) in glasshouse-test:busybox; median of ${runs} interleaved runs.`,
      '',
      '| observing | loop time | syscalls/s | slower by | Glasshouse CPU in the window | events |',
      '|---|---|---|---|---|---|',
      ...rows,
      ''
    ].join('\n')
  )
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`)
  try {
    const left = sh('ps', '-aq', '--filter', `label=${LABEL}`)
    if (left) sh('rm', '-f', ...left.split('\n'))
  } catch {
    // Nothing left to remove.
  }
  process.exit(1)
})
