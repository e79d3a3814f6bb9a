// `glasshouse observe --all [--for 60s] [--json] [--verify] [--profile-out DIR]`: every running container,
// and those started during the window, in one observation; per container the same result, suggestion and
// text as for one (issue 14 item 1).
//
// --verify checks each container's suggestion in turn, printing progress (verify-each.ts says why not at once).
//
// --json prints one document:
//   { startedAt, seconds, notes: string[], ignoredEvents,
//     summary: AllSummaryRow[]   (shared/observe/all-summary.ts: id, name, uses, heldUnused, denied; most over-privileged first),
//     containers: [{ observation: Observation, suggestion: Suggestion, verification: Verification | null }] }
// where each container's element is exactly what `glasshouse observe <container> --json` prints.
import type Docker from 'dockerode'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { allSummary } from '../../shared/observe/all-summary'
import { suggest } from '../../shared/observe/suggestion'
import { formatAllObservations, type ContainerOutcome } from '../observe/format-all-observations'
import { observeAllContainers, type ObserveAllProgress } from '../observe/observe-all'
import { ObserveError } from '../observe/observe-container'
import { TracefsUnavailableError } from '../observe/tracefs'
import { verifyEach } from '../observe/verify-each'
import { EXIT_FAILED, EXIT_OK, stoppedExitCode } from './exit-codes'
import type { CliIo } from './run'

export interface ObserveAllCommandOptions {
  docker: Docker
  seconds: number
  json: boolean
  verify: boolean
  withSyscalls: boolean
  countSyscalls: boolean
  /** A directory for one seccomp profile per container. */
  profileDir?: string
}

export async function observeAllCommand(options: ObserveAllCommandOptions, io: CliIo): Promise<number> {
  const { docker, seconds } = options
  const progress = (p: ObserveAllProgress): void => {
    const joined = p.joined > 0 ? ` (${p.joined} started during the window)` : ''
    io.stderr(`\robserving all containers: ${p.elapsed.toFixed(0)}/${seconds.toFixed(0)} s, ${p.containers} containers${joined}, ${p.events} events, ${p.usingCapabilities} used a capability so far   `)
  }
  let all
  try {
    all = await observeAllContainers({ docker, seconds, signal: io.signal, withSyscalls: options.withSyscalls, countSyscalls: options.countSyscalls, onProgress: progress })
  } catch (error) {
    if (error instanceof ObserveError || error instanceof TracefsUnavailableError) {
      io.stderr(`\nglasshouse observe: ${error.message}\n`)
      return EXIT_FAILED
    }
    throw error
  }
  io.stderr('\n')
  const outcomes = new Map<string, ContainerOutcome>()
  for (const observation of all.observations) {
    const file = `${observation.container.name}-seccomp.json`
    const suggestion = suggest(observation, options.profileDir ? join(options.profileDir, file) : file)
    outcomes.set(observation.container.id, { suggestion, verification: null })
  }
  if (options.profileDir) {
    mkdirSync(options.profileDir, { recursive: true })
    for (const [id, { suggestion }] of outcomes) {
      const name = all.observations.find((o) => o.container.id === id)!.container.name
      writeFileSync(join(options.profileDir, `${name}-seccomp.json`), JSON.stringify(suggestion.seccompProfile, null, 2) + '\n')
    }
  }
  if (options.verify) {
    const window = Math.max(10, seconds)
    const verified = await verifyEach({
      docker,
      observations: all.observations,
      suggestionOf: (id) => outcomes.get(id)!.suggestion,
      seconds: window,
      signal: io.signal,
      onProgress: ({ n, total, name, verification, error }) => {
        if (verification) io.stderr(`  ${verification.ok ? 'PASSED' : 'FAILED'}: ${verification.summary}\n`)
        else if (error !== undefined) io.stderr(`  not verified: ${error}\n`)
        else io.stderr(`verifying ${n}/${total}: ${name} with its suggested flags (up to ${window.toFixed(0)} s)…\n`)
      }
    })
    for (const [id, verification] of verified) outcomes.get(id)!.verification = verification
  }
  if (options.json) {
    const containers = all.observations.map((observation) => ({ observation, ...outcomes.get(observation.container.id)! }))
    io.stdout(JSON.stringify({ startedAt: all.startedAt, seconds: all.seconds, notes: all.notes, ignoredEvents: all.ignoredEvents, summary: allSummary(all.observations), containers }) + '\n')
  } else {
    io.stdout(formatAllObservations(all, outcomes))
  }
  if (io.signal?.aborted) return stoppedExitCode(io.signal)
  return [...outcomes.values()].some((o) => o.verification && !o.verification.ok) ? EXIT_FAILED : EXIT_OK
}
