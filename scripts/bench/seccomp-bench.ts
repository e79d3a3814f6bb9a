// Live seccomp filters over the bench containers (issue 13): what dumping costs per container and how long
// each process stays stopped, and what decoding costs per distinct filter. The snapshot comes from the built
// CLI; dumping and decoding run here, in-process as root, like `snapshot --seccomp-filters`.
import { execFileSync } from 'node:child_process'
import type { HostSnapshot } from '../../shared/model'
import { parseSockFilter } from '../../shared/seccomp/bpf-insn'
import { decodeChain } from '../../shared/seccomp/decode-chain'
import { readContainerFilters } from '../../main/kernel/seccomp-containers'
import { behaviourFingerprint, fingerprintChain } from '../../main/kernel/seccomp-fingerprint'
import { readSeccompFilters } from '../../main/kernel/seccomp-read'
import { BENCH_LABEL, CLI, median, type BenchContext } from './bench-support'

const percentile = (samples: number[], p: number): number => {
  const sorted = [...samples].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0
}
const ms = (n: number): string => (n < 1 ? n.toFixed(3) : n.toFixed(1))

export async function benchSeccomp(ctx: BenchContext): Promise<string> {
  const full = JSON.parse(execFileSync(process.execPath, [CLI, 'snapshot', '--json'], { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 })) as HostSnapshot
  const bench = full.containers.filter((c) => c.labels[BENCH_LABEL] !== undefined && c.pid !== null)
  const snapshot = { containers: bench, processes: full.processes.filter((p) => bench.some((c) => c.id === p.containerId)) }
  ctx.log(`Dumping the filters of ${bench.length} containers, ${ctx.runs} rounds…\n`)
  const wall: number[] = []
  const stopped: number[] = []
  const waited: number[] = []
  let reads = 0
  for (let round = 0; round <= ctx.runs; round++) {
    const started = performance.now()
    const report = readContainerFilters(snapshot, { decode: false })
    const took = performance.now() - started
    if (round === 0) continue
    wall.push(took)
    for (const r of report.containers.flatMap((c) => c.reads)) {
      reads++
      stopped.push(r.stoppedMs)
      if (r.waitMs !== undefined) waited.push(r.waitMs)
    }
  }
  // Decode: every distinct byte chain among the bench containers, timed over the rounds.
  const chains = new Map<string, Uint8Array[]>()
  for (const c of bench) {
    const result = readSeccompFilters(c.pid as number)
    if (result.ok) chains.set(fingerprintChain(result.filters), result.filters)
  }
  const decodeMs: number[] = []
  const behaviours = new Set<string>()
  for (const filters of chains.values()) {
    const program = filters.map((f) => parseSockFilter(f))
    for (let round = 0; round <= ctx.runs; round++) {
      const started = performance.now()
      const decoded = decodeChain(program)
      const took = performance.now() - started
      if (round > 0) decodeMs.push(took)
      if (round === 0) behaviours.add(behaviourFingerprint(decoded))
    }
  }
  const perContainer = median(wall) / bench.length
  return [
    `## Live seccomp filters: dump and decode, ${bench.length} containers`,
    '',
    `\`npm run bench -- --only seccomp\`: ${bench.length} busybox containers with Docker's default profile (3 processes each, one`,
    `Seccomp line, so one read per container), in-process as root. ${ctx.runs} rounds after one warm-up; ${reads} reads in all.`,
    '',
    '| what | median | p95 | max |',
    '|---|---|---|---|',
    `| dump all ${bench.length} containers (wall) | ${ms(median(wall))} ms | ${ms(percentile(wall, 95))} ms | ${ms(Math.max(...wall))} ms |`,
    `| dump per container (wall / ${bench.length}) | ${ms(perContainer)} ms | | |`,
    `| stop per process (stop seen → detach) | ${ms(median(stopped))} ms | ${ms(percentile(stopped, 95))} ms | ${ms(Math.max(...stopped))} ms |`,
    `| interrupt → stop seen (the tracee still runs) | ${ms(median(waited))} ms | ${ms(percentile(waited, 95))} ms | ${ms(Math.max(...waited))} ms |`,
    `| decode one distinct filter (all 4 ABI tables) | ${ms(median(decodeMs))} ms | ${ms(percentile(decodeMs, 95))} ms | ${ms(Math.max(...decodeMs))} ms |`,
    '',
    `Distinct byte chains among the ${bench.length} containers: ${chains.size}; distinct behaviours: ${behaviours.size} (runc orders its`,
    'per-architecture prologue differently from container to container, so equal profiles need not be equal bytes; each byte',
    'chain is decoded once, and chains are grouped by the sha256 of their decoded verdicts).',
    ''
  ].join('\n')
}
