// What both benchmarks share: medians, timing whole commands, the labelled bench containers,
// and reading a process's CPU time from /proc.
import { execFileSync, spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { buildTestImage, TEST_IMAGE } from '../../test/integration/support/docker'

export const BENCH_LABEL = 'glasshouse.bench'
export const CLI = resolve(__dirname, '../../bin/glasshouse.cjs')
const CLOCK_TICKS_PER_SECOND = 100

export interface BenchContext {
  containers: number
  runs: number
  log: (text: string) => void
}

export function median(samples: readonly number[]): number {
  const sorted = [...samples].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2
}

export function timeCommand(command: string, args: string[]): number {
  const start = process.hrtime.bigint()
  const result = spawnSync(command, args, { stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 512 * 1024 * 1024 })
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${result.stderr?.toString()}`)
  return Number(process.hrtime.bigint() - start) / 1e6
}

export async function timeAsync(fn: () => unknown): Promise<number> {
  const start = process.hrtime.bigint()
  await fn()
  return Number(process.hrtime.bigint() - start) / 1e6
}

/** User + system CPU seconds a process has used so far (/proc/<pid>/stat fields 14 and 15). */
export function cpuSecondsOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND
}

export function pidOf(command: string): number {
  return Number(execFileSync('pgrep', ['-o', '-x', command], { encoding: 'utf8' }).trim())
}

export function removeBenchContainers(): void {
  const ids = execFileSync('docker', ['ps', '-aq', '--filter', `label=${BENCH_LABEL}`], { encoding: 'utf8' }).split('\n').filter(Boolean)
  if (ids.length) execFileSync('docker', ['rm', '-f', ...ids], { stdio: 'ignore' })
}

/** `docker run -d` of one bench container whose sh forks two sleepers and becomes the third. */
export function runBenchContainer(name: string): string {
  return execFileSync(
    'docker',
    ['run', '-d', '--label', `${BENCH_LABEL}=1`, '--network', 'none', '--name', name, TEST_IMAGE, 'sh', '-c', 'sleep 3600 & sleep 3600 & exec sleep 3600'],
    { encoding: 'utf8' }
  ).trim()
}

export function startBenchContainers(ctx: BenchContext): void {
  buildTestImage()
  for (let i = 0; i < ctx.containers; i++) {
    runBenchContainer(`gh-bench-${i}`)
    if ((i + 1) % 10 === 0) ctx.log(`  started ${i + 1}/${ctx.containers} containers\n`)
  }
}
