// How fast is a full snapshot next to `docker stats --no-stream`, `lsns -J` and a minimal Node script
// doing the kernel reads (snapshot-floor.mjs)? Medians of interleaved rounds, wall time and CPU time
// (user + system of the whole process, Node's start-up included), the ratios, and where the time goes.
import { spawnSync } from 'node:child_process'
import { resolve } from 'node:path'
import { createDockerClient } from '../../main/engine/docker-client'
import { readEngine } from '../../main/engine/read-engine'
import { requestFor } from '../../main/kernel/kernel-source'
import { KmsgReader } from '../../main/kernel/kmsg-reader'
import { readKernelReport } from '../../main/kernel/read-kernel-report'
import { probeHost } from '../../main/probe/probe-host'
import { buildSnapshot } from '../../main/model/build-snapshot'
import { CLI, median, timeAsync, type BenchContext } from './bench-support'

const FLOOR = resolve(__dirname, 'snapshot-floor.mjs')
const SAME_READS = resolve(__dirname, 'snapshot-same-reads.mjs')

export async function benchSnapshot(ctx: BenchContext): Promise<string> {
  const { runs, containers: containerCount } = ctx
  const cli = CLI
  // Interleaved: each round runs every command once, so a noisy moment on a shared machine
  // hits all of them alike. One warm-up round is not counted.
  const commands: Array<[string, string, string[]]> = [
    ['snapshot', process.execPath, [cli, 'snapshot', '--json']],
    ['floor', process.execPath, [FLOOR]],
    ['same', process.execPath, [SAME_READS]],
    ['lsns', 'lsns', ['-J']],
    ['stats', 'docker', ['stats', '--no-stream']],
    ['node', process.execPath, ['-e', '0']],
    ['load', process.execPath, [cli, '--help']]
  ]
  const wall = new Map<string, number[]>(commands.map(([key]) => [key, []]))
  const cpu = new Map<string, number[]>(commands.map(([key]) => [key, []]))
  ctx.log(`Measuring whole commands, ${runs} rounds…\n`)
  for (let round = 0; round <= runs; round++) {
    for (const [key, command, args] of commands) {
      const { wallMs, cpuMs } = timeCommandCpu(command, args)
      if (round === 0) continue
      wall.get(key)?.push(wallMs)
      cpu.get(key)?.push(cpuMs)
    }
  }
  const med = (key: string): number => median(wall.get(key) ?? [])
  const medCpu = (key: string): number => median(cpu.get(key) ?? [])
  for (const [key] of commands) {
    ctx.log(`  ${key}: wall ${(wall.get(key) ?? []).map((s) => s.toFixed(0)).join(', ')} ms → ${med(key).toFixed(1)}; ` +
      `CPU ${(cpu.get(key) ?? []).map((s) => s.toFixed(0)).join(', ')} ms → ${medCpu(key).toFixed(1)}\n`)
  }
  const snapshot = med('snapshot')
  const lsns = med('lsns')
  const stats = med('stats')
  const nodeStart = med('node')
  const cliLoad = med('load')
  const floorRatio = medCpu('snapshot') / medCpu('floor')
  const sameRatio = medCpu('snapshot') / medCpu('same')

  ctx.log('Measuring the parts in-process…\n')
  const { docker, endpoint } = createDockerClient()
  const parts = { engine: [] as number[], probe: [] as number[], cgroups: [] as number[], kmsg: [] as number[], json: [] as number[] }
  for (let i = 0; i < runs; i++) {
    let engine!: Awaited<ReturnType<typeof readEngine>>
    parts.engine.push(await timeAsync(async () => (engine = await readEngine(docker, endpoint))))
    let probe!: ReturnType<typeof probeHost>
    parts.probe.push(await timeAsync(() => (probe = probeHost())))
    let kernel!: ReturnType<typeof readKernelReport>
    parts.cgroups.push(await timeAsync(() => (kernel = readKernelReport(probe, requestFor(engine)))))
    // A fresh reader goes through the whole ring buffer: what a snapshot pays when a kill makes it read the log.
    const kmsg = new KmsgReader()
    parts.kmsg.push(await timeAsync(() => kmsg.read()))
    kmsg.close()
    const result = buildSnapshot({ takenAt: new Date(), engine, kernel })
    parts.json.push(await timeAsync(() => JSON.stringify(result)))
  }

  const row = (label: string, ms: number): string => `| ${label} | ${ms.toFixed(1)} ms |`
  const both = (label: string, key: string): string => `| ${label} | ${med(key).toFixed(1)} ms | ${medCpu(key).toFixed(1)} ms |`
  const lines = [
    '## Snapshot',
    '',
    `Containers: ${containerCount} (3 processes each), rounds: ${runs}, medians. CPU = user + system of the whole process.`,
    '',
    '| command | wall | CPU |',
    '|---|---|---|',
    both('glasshouse snapshot --json', 'snapshot'),
    both('snapshot-floor.mjs (the kernel reads alone, in Node)', 'floor'),
    both("snapshot-same-reads.mjs (the snapshot's own kernel reads and Docker requests, in Node)", 'same'),
    both('lsns -J', 'lsns'),
    both('docker stats --no-stream', 'stats'),
    both('node -e 0', 'node'),
    both('glasshouse --help (start-up + loading the bundle)', 'load'),
    '',
    `snapshot / floor (CPU)  = ${floorRatio.toFixed(2)} (target ≤ 1.5: ${floorRatio <= 1.5 ? 'met' : 'NOT met'}); wall: ${(snapshot / med('floor')).toFixed(2)}`,
    `snapshot / same reads (CPU) = ${sameRatio.toFixed(2)} (target ≤ 1.5: ${sameRatio <= 1.5 ? 'met' : 'NOT met'}); wall: ${(snapshot / med('same')).toFixed(2)}`,
    `snapshot / docker stats = ${(snapshot / stats).toFixed(3)} (wall; target < 0.1)`,
    `snapshot / lsns -J      = ${(snapshot / lsns).toFixed(2)} (wall)`,
    '',
    'Where the snapshot process spends its time:',
    '',
    '| part | median |',
    '|---|---|',
    row('Node start-up (node -e 0)', nodeStart),
    row('start-up + loading the bundle (glasshouse --help)', cliLoad),
    row('engine: info + list + inspect (Docker API)', median(parts.engine)),
    row('probe: scan /proc (status, stat, cgroup, ns)', median(parts.probe)),
    row('cgroup files, mountinfo and id maps of every container (the rest of the kernel report)', median(parts.cgroups)),
    row('kernel log, read in full (/dev/kmsg; only when a cgroup or the engine tells of a kill)', median(parts.kmsg)),
    row('JSON.stringify', median(parts.json)),
    ''
  ]
  return lines.join('\n')
}

/** Wall time and CPU time (user + system, from bash's `times` for its child) of one whole command. */
function timeCommandCpu(command: string, args: string[]): { wallMs: number; cpuMs: number } {
  const start = process.hrtime.bigint()
  const script = '"$@" >/dev/null || exit 1; times'
  const result = spawnSync('bash', ['-c', script, 'bash', command, ...args], { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' })
  const wallMs = Number(process.hrtime.bigint() - start) / 1e6
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${result.stderr}`)
  // `times`: the shell's own user and system time, then its children's: "0m0.298s 0m0.134s".
  const children = result.stdout.trim().split('\n').at(-1) ?? ''
  const seconds = [...children.matchAll(/(\d+)m([\d.]+)s/g)].map((m) => Number(m[1]) * 60 + Number(m[2]))
  if (seconds.length !== 2) throw new Error(`unexpected output of times: ${JSON.stringify(children)}`)
  return { wallMs, cpuMs: ((seconds[0] as number) + (seconds[1] as number)) * 1000 }
}
