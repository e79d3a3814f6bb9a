// npm run bench: starts N labelled containers (3 processes each), runs the snapshot and the
// watch benchmarks against them, prints Markdown for BENCHMARKS.md, and removes the containers
// (also on failure or Ctrl-C).
import { parseArgs } from 'node:util'
import { removeBenchContainers, startBenchContainers, type BenchContext } from './bench-support'
import { benchSnapshot } from './snapshot-bench'
import { benchWatch } from './watch-bench'

const { values } = parseArgs({
  options: {
    containers: { type: 'string', default: '50' },
    runs: { type: 'string', default: '9' },
    only: { type: 'string' }
  }
})
const ctx: BenchContext = {
  containers: Number(values.containers),
  runs: Number(values.runs),
  log: (text) => process.stderr.write(text)
}

async function main(): Promise<void> {
  if (values.only !== undefined && !['snapshot', 'watch'].includes(values.only)) throw new Error('--only takes snapshot or watch')
  ctx.log(`Starting ${ctx.containers} containers…\n`)
  removeBenchContainers()
  startBenchContainers(ctx)
  // Let the daemon settle after the starts, so every measurement meets the same quiet host.
  await new Promise((r) => setTimeout(r, 5000))
  const machine = `Machine: ${process.platform} ${process.arch}, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}.`
  const parts = [machine, '']
  if (values.only !== 'watch') parts.push(await benchSnapshot(ctx))
  if (values.only !== 'snapshot') parts.push(await benchWatch(ctx))
  process.stdout.write(parts.join('\n') + '\n')
}

process.on('SIGINT', () => {
  removeBenchContainers()
  process.exit(130)
})

main()
  .catch((error: unknown) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? error.message : String(error)}\n`)
    process.exitCode = 1
  })
  .finally(() => {
    process.stderr.write('Removing bench containers…\n')
    removeBenchContainers()
  })
