// How fast is a full snapshot next to `docker stats --no-stream` and `lsns -J`? Medians of
// interleaved rounds, the ratios, and where the snapshot's time goes.
import { createDockerClient } from '../../main/engine/docker-client'
import { readEngine } from '../../main/engine/read-engine'
import { readCgroup } from '../../main/probe/cgroup-read'
import { readIdMaps } from '../../main/probe/proc-idmap'
import { readMounts } from '../../main/probe/proc-mountinfo'
import { probeHost } from '../../main/probe/probe-host'
import { buildSnapshot } from '../../main/model/build-snapshot'
import { CLI, median, timeAsync, timeCommand, type BenchContext } from './bench-support'

export async function benchSnapshot(ctx: BenchContext): Promise<string> {
  const { runs, containers: containerCount } = ctx
  const cli = CLI
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
  ctx.log(`Measuring whole commands, ${runs} rounds…\n`)
  for (let round = 0; round <= runs; round++) {
    for (const [key, command, args] of commands) {
      const ms = timeCommand(command, args)
      if (round > 0) samples.get(key)?.push(ms)
    }
  }
  const med = (key: string): number => median(samples.get(key) ?? [])
  for (const [key] of commands) {
    ctx.log(`  ${key}: ${(samples.get(key) ?? []).map((s) => s.toFixed(0)).join(', ')} ms → median ${med(key).toFixed(1)} ms\n`)
  }
  const snapshot = med('snapshot')
  const lsns = med('lsns')
  const stats = med('stats')
  const nodeStart = med('node')
  const cliLoad = med('load')

  ctx.log('Measuring the parts in-process…\n')
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
      },
      readMounts: (pid) => {
        const start = process.hrtime.bigint()
        const mounts = readMounts(probe.roots.procRoot, pid)
        cgroupMs += Number(process.hrtime.bigint() - start) / 1e6
        return mounts
      },
      readIdMaps: (pid) => readIdMaps(probe.roots.procRoot, pid)
    })
    parts.cgroups.push(cgroupMs)
    parts.json.push(await timeAsync(() => JSON.stringify(result)))
  }

  const row = (label: string, ms: number): string => `| ${label} | ${ms.toFixed(1)} ms |`
  const lines = [
    '## Snapshot',
    '',
    `Containers: ${containerCount} (3 processes each), rounds: ${runs}, medians.`,
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
    row('cgroup files and mountinfo of every container', median(parts.cgroups)),
    row('JSON.stringify', median(parts.json)),
    ''
  ]
  return lines.join('\n')
}

