// `glasshouse demo list | run <name> [--step] [--keep] | clean`: the classroom demos from a terminal.
// Nothing is started unless `run` is typed; `run` first removes what crashed runs left, and removes its
// own containers at the end, on Ctrl-C and when a step fails (what a SIGKILL leaves, the next start removes).
import { createInterface } from 'node:readline'
import { DEMOS, listing } from '../../shared/demos/index'
import type { StepResult } from '../../shared/demos/types'
import { DemoRunner, DemoStepError, removeLabelled } from '../demos/demo-runner'
import { DEMO_LABEL } from '../../shared/demos/docker-command'
import { DEMO_USAGE } from './command-usage'
import { engineClient } from './engine-client'
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE, signalExitCode } from './exit-codes'
import { ENGINE_OPTIONS, parseOptions } from './parse-options'
import type { CliIo } from './run'

const RUN_OPTIONS = {
  step: { type: 'boolean' },
  keep: { type: 'boolean' },
  'allow-swarm-init': { type: 'boolean' },
  tag: { type: 'string' },
  label: { type: 'string', multiple: true },
  ...ENGINE_OPTIONS
} as const

export async function demoCommand(args: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args
  if (sub === 'list') return listDemos(io)
  if (sub === 'clean') {
    const parsed = parseOptions('demo clean', rest, { ...ENGINE_OPTIONS }, DEMO_USAGE, io)
    if ('exit' in parsed) return parsed.exit
    const { docker } = await engineClient(io, parsed.values)
    const removed = await removeLabelled(docker, DEMO_LABEL, () => true, (note) => io.stdout(`${note}\n`))
    io.stdout(`Removed ${removed} container${removed === 1 ? '' : 's'}, image${removed === 1 ? '' : 's'}, service${removed === 1 ? '' : 's'} or secret${removed === 1 ? '' : 's'} labelled ${DEMO_LABEL}.\n`)
    return EXIT_OK
  }
  if (sub === 'run') return runDemo(rest, io)
  if (sub === '-h' || sub === '--help') {
    io.stdout(DEMO_USAGE)
    return EXIT_OK
  }
  io.stderr(`glasshouse demo: say list, run <name> or clean\n\n${DEMO_USAGE}`)
  return EXIT_USAGE
}

function listDemos(io: CliIo): number {
  const width = Math.max(...DEMOS.map((d) => d.id.length)) + 2
  io.stdout(DEMOS.map((d) => `${d.id.padEnd(width)}${d.title} (${d.steps.length} step${d.steps.length === 1 ? '' : 's'})\n`).join(''))
  return EXIT_OK
}

async function runDemo(args: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = args
  const demo = DEMOS.find((d) => d.id === name)
  if (!demo) {
    io.stderr(`glasshouse demo run: ${name === undefined ? 'name a demo' : `no demo named "${name}"`} (glasshouse demo list shows them)\n`)
    return EXIT_USAGE
  }
  const parsed = parseOptions('demo run', rest, RUN_OPTIONS, DEMO_USAGE, io)
  if ('exit' in parsed) return parsed.exit
  const { values } = parsed
  if (demo.consent && !values[`allow-${demo.consent.what}`]) {
    io.stderr(`glasshouse demo run ${demo.id}: not started. ${demo.consent.text}\nRun it again with --allow-${demo.consent.what} to agree.\n`)
    return EXIT_USAGE
  }
  const extraLabels: Record<string, string> = {}
  for (const pair of values.label ?? []) {
    const eq = pair.indexOf('=')
    if (eq <= 0) {
      io.stderr(`glasshouse demo run: --label takes key=value, not ${pair}\n`)
      return EXIT_USAGE
    }
    extraLabels[pair.slice(0, eq)] = pair.slice(eq + 1)
  }
  const { docker } = await engineClient(io, values)
  const runner = new DemoRunner({ docker, tag: values.tag, extraLabels, onNote: (note) => io.stdout(`${note}\n`) })
  const swept = await runner.sweepOrphans()
  if (swept > 0) io.stdout(`Removed ${swept} container${swept === 1 ? '' : 's'} or images left by a Glasshouse that stopped without cleaning up.\n`)

  const shown = listing(demo)
  io.stdout(`${demo.title}\n\n${demo.concept}\n`)
  let allAsExpected = true
  try {
    for (let i = 0; i < demo.steps.length; i++) {
      const step = shown.steps[i]!
      io.stdout(`\nStep ${i + 1}/${demo.steps.length}: ${step.title}\n  Predict: ${step.predict}\n`)
      if (values.step && !(await pressEnter(io, 'run it'))) return signalExitCode(io.signal?.reason) ?? EXIT_FAILED
      if (io.signal?.aborted) return signalExitCode(io.signal.reason) ?? EXIT_FAILED
      const result = await runner.runStep(demo.id, i, { swarmInit: values['allow-swarm-init'] === true })
      allAsExpected &&= result.asExpected
      io.stdout(formatStep(result, step.reveal, step.tryIt, `${step.look.view}: ${step.look.what}`))
    }
    if (values.keep) io.stdout(`\nThe containers stay: glasshouse demo clean removes them.\n`)
    return allAsExpected ? EXIT_OK : EXIT_FAILED
  } catch (error) {
    if (!(error instanceof DemoStepError)) throw error
    io.stderr(`glasshouse demo run: ${error.message}\n`)
    return EXIT_FAILED
  } finally {
    if (!values.keep || io.signal?.aborted) {
      const removed = await runner.clean(demo.id)
      io.stdout(`\nCleaned up: ${demo.cleanup} (${removed} removed)\n`)
    }
  }
}

function formatStep(result: StepResult, reveal: string, tryIt: string, look: string): string {
  const actions = result.actions
    .map((a) => {
      const out = a.output.trimEnd()
      const code = a.exitCode !== null && a.exitCode !== 0 ? `  (exit code ${a.exitCode})\n` : ''
      return `  $ ${a.command}\n${out ? out.replace(/^/gm, '    ') + '\n' : ''}${code}`
    })
    .join('')
  return `${actions}  Look at ${look}\n  What happened: ${reveal}\n  Try it yourself: ${tryIt}\n`
}

/** Waits for a line on stdin; false when stdin ended or the run was interrupted. */
function pressEnter(io: CliIo, what: string): Promise<boolean> {
  io.stdout(`  [Enter: ${what}] `)
  return new Promise((resolve) => {
    const lines = createInterface({ input: process.stdin })
    let settled = false
    const done = (value: boolean): void => {
      if (settled) return
      settled = true
      // Resolved before closing: close emits 'close', which would answer false.
      resolve(value)
      io.signal?.removeEventListener('abort', onAbort)
      lines.close()
    }
    const onAbort = (): void => done(false)
    io.signal?.addEventListener('abort', onAbort)
    lines.once('line', () => done(true))
    lines.once('close', () => done(false))
  })
}
