// npm run bench: how fast is a full snapshot next to `docker stats --no-stream` and `lsns -J`?
// Starts N labelled containers (3 processes each), measures medians of several runs in the
// same session, prints the ratios and where the snapshot's time goes, and removes the containers.
import { execFileSync, spawnSync } from 'node:child_process'
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { createDockerClient } from '../../main/engine/docker-client'
import { readEngine } from '../../main/engine/read-engine'
import { readCgroup } from '../../main/probe/cgroup-read'
import { probeHost } from '../../main/probe/probe-host'
import { buildSnapshot } from '../../main/model/build-snapshot'
import { buildTestImage, TEST_IMAGE } from '../../test/integration/support/docker'

const LABEL = 'glasshouse.bench'
const { values } = parseArgs({
  options: {
    containers: { type: 'string', default: '50' },
    runs: { type: 'string', default: '9' }
  }
})
const containerCount = Number(values.containers)
const runs = Number(values.runs)
const cli = resolve(__dirname, '../../bin/glasshouse.cjs')

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2
}

function timeCommand(command: string, args: string[]): number {
  const start = process.hrtime.bigint()
  const result = spawnSync(command, args, { stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 512 * 1024 * 1024 })
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${result.stderr?.toString()}`)
  return Number(process.hrtime.bigint() - start) / 1e6
}

async function timeAsync(fn: () => unknown): Promise<number> {
  const start = process.hrtime.bigint()
  await fn()
  return Number(process.hrtime.bigint() - start) / 1e6
}

function removeBenchContainers(): void {
  const ids = execFileSync('docker', ['ps', '-aq', '--filter', `label=${LABEL}`], { encoding: 'utf8' }).split('\n').filter(Boolean)
  if (ids.length) execFileSync('docker', ['rm', '-f', ...ids], { stdio: 'ignore' })
}

function startContainers(): void {
  buildTestImage()
  for (let i = 0; i < containerCount; i++) {
    // sh forks two sleepers and becomes the third: three processes per container.
    execFileSync('docker', ['run', '-d', '--label', `${LABEL}=1`, '--name', `gh-bench-${i}`, TEST_IMAGE,
      'sh', '-c', 'sleep 3600 & sleep 3600 & exec sleep 3600'], { stdio: 'ignore' })
    if ((i + 1) % 10 === 0) process.stderr.write(`  started ${i + 1}/${containerCount} containers\n`)
  }
}

async function main(): Promise<void> {
  process.stderr.write(`Starting ${containerCount} containers…\n`)
  removeBenchContainers()
  startContainers()
  // Let the daemon settle after 50 starts, so every command meets the same quiet host.
  await new Promise((r) => setTimeout(r, 5000))

  // Interleaved: each round runs every command once, so a noisy moment on a shared machine
  // hits all of them alike. One warm-up round is not counted.
  const commands: Array<[string, string, string[]]> = [
    ['snapshot', process.execPath, [cli, 'snapshot', '--json']],
    ['lsns', 'lsns', ['-J']],
    ['stats', 'docker', ['stats', '--no-stream']],
    ['node', process.execPath, ['-e', '0']],
    ['load', process.execPath, [cli, '--help']]
  ]
  const samples = new Map<string, number[]>(commands.map(([key]) => [key, []]))
  process.stderr.write(`Measuring whole commands, ${runs} rounds…\n`)
  for (let round = 0; round <= runs; round++) {
    for (const [key, command, args] of commands) {
      const ms = timeCommand(command, args)
      if (round > 0) samples.get(key)?.push(ms)
    }
  }
  const med = (key: string): number => median(samples.get(key) ?? [])
  for (const [key] of commands) {
    process.stderr.write(`  ${key}: ${(samples.get(key) ?? []).map((s) => s.toFixed(0)).join(', ')} ms → median ${med(key).toFixed(1)} ms\n`)
  }
  const snapshot = med('snapshot')
  const lsns = med('lsns')
  const stats = med('stats')
  const nodeStart = med('node')
  const cliLoad = med('load')

  process.stderr.write('Measuring the parts in-process…\n')
  const { docker, endpoint } = createDockerClient()
  const parts = { engine: [] as number[], probe: [] as number[], cgroups: [] as number[], json: [] as number[] }
  for (let i = 0; i < runs; i++) {
    let engine!: Awaited<ReturnType<typeof readEngine>>
    parts.engine.push(await timeAsync(async () => (engine = await readEngine(docker, endpoint))))
    let probe!: ReturnType<typeof probeHost>
    parts.probe.push(await timeAsync(() => (probe = probeHost())))
    let cgroupMs = 0
    const result = buildSnapshot({
      takenAt: new Date(),
      probe,
      engine,
      readCgroup: (m) => {
        const start = process.hrtime.bigint()
        const info = readCgroup(probe.hierarchy, m)
        cgroupMs += Number(process.hrtime.bigint() - start) / 1e6
        return info
      }
    })
    parts.cgroups.push(cgroupMs)
    parts.json.push(await timeAsync(() => JSON.stringify(result)))
  }

  const row = (label: string, ms: number): string => `| ${label} | ${ms.toFixed(1)} ms |`
  const lines = [
    '',
    `Containers: ${containerCount} (3 processes each), runs: ${runs}, medians.`,
    '',
    '| command | median |',
    '|---|---|',
    row('glasshouse snapshot --json', snapshot),
    row('lsns -J', lsns),
    row('docker stats --no-stream', stats),
    '',
    `snapshot / docker stats = ${(snapshot / stats).toFixed(3)} (target < 0.1)`,
    `snapshot / lsns -J      = ${(snapshot / lsns).toFixed(2)}`,
    '',
    'Where the snapshot process spends its time:',
    '',
    '| part | median |',
    '|---|---|',
    row('Node start-up (node -e 0)', nodeStart),
    row('start-up + loading the bundle (glasshouse --help)', cliLoad),
    row('engine: info + list + inspect (Docker API)', median(parts.engine)),
    row('probe: scan /proc (status, stat, cgroup, ns)', median(parts.probe)),
    row('cgroup files for every container', median(parts.cgroups)),
    row('JSON.stringify', median(parts.json)),
    ''
  ]
  process.stdout.write(lines.join('\n'))
}

main()
  .catch((error: unknown) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? error.message : String(error)}\n`)
    process.exitCode = 1
  })
  .finally(() => {
    process.stderr.write('Removing bench containers…\n')
    removeBenchContainers()
  })

process.on('SIGINT', () => {
  removeBenchContainers()
  process.exit(130)
})
