// Where one structure refresh of the live session goes, in this process (warm): the engine read,
// the kernel report, the join and the diff; a whole refresh (every container inspected and read)
// against one scoped to a single container's Docker event (live-session.ts). Run against whatever
// containers the host has:  npx tsx scripts/bench/refresh-cost.ts [rounds]
import { diffSnapshots } from '../../shared/snapshot-patch'
import { createDockerClient } from '../../main/engine/docker-client'
import { readEngine } from '../../main/engine/read-engine'
import { readEngineScoped } from '../../main/engine/read-engine-scoped'
import type { EngineReport } from '../../main/engine/types'
import { InProcessKernelSource } from '../../main/kernel/in-process-source'
import { requestFor } from '../../main/kernel/kernel-source'
import { buildSnapshot } from '../../main/model/build-snapshot'
import { median } from './bench-support'

async function main(): Promise<void> {
  const rounds = Number(process.argv[2] ?? 15)
  const { docker, endpoint } = createDockerClient()
  const kernel = new InProcessKernelSource()
  for (const scoped of [false, true]) await measure(scoped, rounds, docker, endpoint, kernel)
  await kernel.close()
}

async function measure(scoped: boolean, rounds: number, docker: ReturnType<typeof createDockerClient>['docker'], endpoint: string, kernel: InProcessKernelSource): Promise<void> {
  const parts: Record<string, number[]> = { engine: [], kernel: [], join: [], diff: [] }
  let lastEngine: EngineReport | null = null
  let previous = null as ReturnType<typeof buildSnapshot> | null
  const cpu = (): number => { const u = process.cpuUsage(); return (u.user + u.system) / 1000 }
  for (let round = 0; round < rounds + 2; round++) {
    let t = cpu()
    // Scoped: as for a Docker event naming one container (the last listed).
    const named = new Set(lastEngine?.containers.slice(-1).map((c) => c.id))
    const read: Awaited<ReturnType<typeof readEngineScoped>> = scoped && lastEngine ? await readEngineScoped(docker, lastEngine, named) : null
    const engine: EngineReport = read?.report ?? (await readEngine(docker, endpoint))
    lastEngine = engine
    const tEngine = cpu() - t
    t = cpu()
    const request = requestFor(engine, round > 0)
    if (read) request.unchangedContainers = engine.containers.map((c) => c.id).filter((id) => !named.has(id))
    const report = await kernel.report(request)
    const tKernel = cpu() - t
    t = cpu()
    const snapshot = buildSnapshot({ takenAt: new Date(), engine, kernel: report, ...(previous ? { earlier: previous } : {}) })
    const tJoin = cpu() - t
    t = cpu()
    if (previous) diffSnapshots(previous, snapshot)
    const tDiff = cpu() - t
    previous = snapshot
    if (round < 2) continue
    parts.engine!.push(tEngine)
    parts.kernel!.push(tKernel)
    parts.join!.push(tJoin)
    parts.diff!.push(tDiff)
  }
  console.log(`${scoped ? 'scoped to one container' : 'whole'}: ${previous?.containers.length} containers, ${rounds} rounds, CPU ms (median):`)
  for (const [name, samples] of Object.entries(parts)) console.log(`  ${name}: ${median(samples).toFixed(1)}`)
}

void main()
