// npm run bench: the renderer and serve-mode benchmarks (no Docker), then the snapshot and watch benchmarks
// against N labelled containers (3 processes each) that it starts; prints Markdown for
// BENCHMARKS.md, and removes the containers (also on failure or Ctrl-C).
import { parseArgs } from 'node:util'
import { removeBenchContainers, startBenchContainers, type BenchContext } from './bench-support'
import { benchHelper } from './helper-bench'
import { benchRenderer } from './renderer-bench'
import { benchServe } from './serve-bench'
import { benchSnapshot } from './snapshot-bench'
import { benchWatch } from './watch-bench'
import { benchSeccomp } from './seccomp-bench'

const PARTS = ['renderer', 'serve', 'snapshot', 'watch', 'seccomp', 'helper'] as const
type Part = (typeof PARTS)[number]

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
// --only takes one part or several, comma-separated (`--only snapshot,watch`: one set of containers for both).
const only = values.only?.split(',')
if (only !== undefined && !only.every((part) => (PARTS as readonly string[]).includes(part))) {
  process.stderr.write(`--only takes ${PARTS.join(', ')} (or several, comma-separated)\n`)
  process.exit(2)
}
const wanted = (part: Part): boolean => only === undefined || only.includes(part)
// Only the snapshot and watch parts read a Docker host; the renderer part runs without one.
const needsContainers = wanted('snapshot') || wanted('watch') || wanted('seccomp') || wanted('helper')
let containersStarted = false

async function main(): Promise<void> {
  const machine = `Machine: ${process.platform} ${process.arch}, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}.`
  const parts = [machine, '']
  if (wanted('renderer')) parts.push(await benchRenderer(ctx))
  // Serve mode's load test needs no Docker either: a synthetic snapshot behind the real server.
  if (wanted('serve')) parts.push(await benchServe(ctx))
  if (needsContainers) {
    ctx.log(`Starting ${ctx.containers} containers…\n`)
    containersStarted = true
    removeBenchContainers()
    startBenchContainers(ctx)
    // Let the daemon settle after the starts, so every measurement meets the same quiet host.
    await new Promise((r) => setTimeout(r, 5000))
    if (wanted('snapshot')) parts.push(await benchSnapshot(ctx))
    if (wanted('watch')) parts.push(await benchWatch(ctx))
    if (wanted('seccomp')) parts.push(await benchSeccomp(ctx))
    if (wanted('helper')) parts.push(await benchHelper(ctx))
  }
  process.stdout.write(parts.join('\n') + '\n')
}

function cleanUp(): void {
  if (!containersStarted) return
  process.stderr.write('Removing bench containers…\n')
  removeBenchContainers()
}

process.on('SIGINT', () => {
  cleanUp()
  process.exit(130)
})

main()
  .catch((error: unknown) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? error.message : String(error)}\n`)
    process.exitCode = 1
  })
  .finally(cleanUp)
