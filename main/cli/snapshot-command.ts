// `glasshouse snapshot [--json]`: one snapshot, printed as a summary or as JSON.
import { existsSync } from 'node:fs'
import { createDockerClient } from '../engine/docker-client'
import { takeSnapshot } from '../model/take-snapshot'
import { formatSummary } from './format-summary'
import type { CliIo } from './run'

export interface SnapshotOptions {
  json: boolean
  useEngine: boolean
  procRoot: string
  cgroupRoot: string
}

export async function snapshotCommand(options: SnapshotOptions, io: CliIo): Promise<number> {
  for (const [flag, dir] of [['--proc-root', options.procRoot], ['--cgroup-root', options.cgroupRoot]] as const) {
    if (!existsSync(dir)) {
      io.stderr(`glasshouse snapshot: ${flag} ${dir} does not exist\n`)
      return 2
    }
  }
  const snapshot = await takeSnapshot({
    roots: { procRoot: options.procRoot, cgroupRoot: options.cgroupRoot },
    engine: options.useEngine ? createDockerClient(io.env) : null
  })
  io.stdout(options.json ? JSON.stringify(snapshot) + '\n' : formatSummary(snapshot))
  return 0
}
