// `glasshouse observe <container> [--for 60s] [--json] [--verify]` (or --all: observe-all-command.ts): watch what a running container uses of
// the privileges it holds, and suggest smaller ones (issue 14). Needs root (tracefs).
import { writeFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { parseDurationSeconds } from '../../shared/observe/duration'
import { suggest } from '../../shared/observe/suggestion'
import { formatObservation } from '../observe/format-observation'
import { observeContainer, ObserveError, type ObserveProgress } from '../observe/observe-container'
import { TracefsUnavailableError } from '../observe/tracefs'
import { verifySuggestion, type Verification } from '../observe/verify-suggestion'
import { OBSERVE_USAGE } from './command-usage'
import { observeAllCommand } from './observe-all-command'
import { engineClient } from './engine-client'
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE, stoppedExitCode } from './exit-codes'
import { ENGINE_OPTIONS } from './parse-options'
import type { CliIo } from './run'

const DEFAULT_SECONDS = 60

export async function observeCommand(args: string[], io: CliIo): Promise<number> {
  let parsed
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: {
        for: { type: 'string' },
        all: { type: 'boolean' },
        json: { type: 'boolean' },
        verify: { type: 'boolean' },
        'no-syscalls': { type: 'boolean' },
        'count-syscalls': { type: 'boolean' },
        'profile-out': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        ...ENGINE_OPTIONS
      }
    })
  } catch (error) {
    io.stderr(`glasshouse observe: ${(error as Error).message} (glasshouse observe --help lists the options)\n`)
    return EXIT_USAGE
  }
  const { values, positionals } = parsed
  if (values.help) {
    io.stdout(OBSERVE_USAGE)
    return EXIT_OK
  }
  if (values.all && positionals.length > 0) {
    io.stderr(`glasshouse observe: --all watches every running container; name none with it\n`)
    return EXIT_USAGE
  }
  if (!values.all && positionals.length !== 1) {
    io.stderr(`glasshouse observe: name one container (glasshouse observe <container> [--for 60s]), or --all\n`)
    return EXIT_USAGE
  }
  const seconds = values.for === undefined ? DEFAULT_SECONDS : parseDurationSeconds(values.for)
  if (seconds === null || seconds <= 0 || seconds > 24 * 3600) {
    io.stderr(`glasshouse observe: --for takes a duration such as 30s, 5m or 500ms (up to 24h), not ${values.for}\n`)
    return EXIT_USAGE
  }
  if (values.all) {
    const { docker } = await engineClient(io, values)
    return observeAllCommand({ docker, seconds, json: values.json === true, verify: values.verify === true, withSyscalls: !values['no-syscalls'], countSyscalls: values['count-syscalls'] === true, profileDir: values['profile-out'] }, io)
  }
  const container = positionals[0]!
  const { docker } = await engineClient(io, values)
  const progress = (p: ObserveProgress): void => {
    const used = p.capabilitiesUsed.map((c) => c.replace(/^CAP_/, '')).join(' ') || 'none yet'
    io.stderr(`\robserving ${container}: ${p.elapsed.toFixed(0)}/${seconds.toFixed(0)} s, ${p.processes} processes, ${p.syscalls} syscalls, capabilities used: ${used}   `)
  }
  let observation
  try {
    observation = await observeContainer({ docker, container, seconds, signal: io.signal, withSyscalls: !values['no-syscalls'], countSyscalls: values['count-syscalls'] === true, onProgress: progress })
  } catch (error) {
    if (error instanceof ObserveError || error instanceof TracefsUnavailableError || (error as { statusCode?: number }).statusCode === 404) {
      io.stderr(`\nglasshouse observe: ${(error as Error).message}\n`)
      return EXIT_FAILED
    }
    throw error
  }
  io.stderr('\n')
  const profileFile = values['profile-out'] ?? `${observation.container.name}-seccomp.json`
  const suggestion = suggest(observation, profileFile)
  if (values['profile-out']) writeFileSync(values['profile-out'], JSON.stringify(suggestion.seccompProfile, null, 2) + '\n')
  let verification: Verification | null = null
  if (values.verify && !io.signal?.aborted) {
    io.stderr(`verifying: running ${container}'s command again with the suggested flags (up to ${Math.max(10, seconds).toFixed(0)} s)…\n`)
    verification = await verifySuggestion({ docker, container, capAdd: suggestion.capAdd, profile: suggestion.seccompProfile, seconds: Math.max(10, seconds), signal: io.signal })
  }
  io.stdout(values.json ? JSON.stringify({ observation, suggestion, verification }) + '\n' : formatObservation(observation, suggestion, verification))
  // Ctrl-C ended the window early: what it saw is printed, and the exit code says it was stopped.
  if (io.signal?.aborted) return stoppedExitCode(io.signal)
  return verification && !verification.ok ? EXIT_FAILED : EXIT_OK
}
