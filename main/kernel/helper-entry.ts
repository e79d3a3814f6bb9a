// The helper container's process (out/main/helper.js): the in-process kernel source, driven by
// NDJSON commands on stdin and answering on stdout (helper-protocol.ts). It runs as root inside a
// container that shares the host's PID namespace, so its /proc is the host's. Node's own modules
// only: it runs on the host's Node executable bound into an empty image.
import { hostname, release } from 'node:os'
import { createInterface } from 'node:readline'
import { History } from '../live/history'
import type { HelperCommand, HelperMessage } from './helper-protocol'
import { InProcessKernelSource } from './in-process-source'
import type { KernelSampler } from './kernel-source'
import { readGroups } from './seccomp-group-read'
import { toWire } from './seccomp-helper-wire'

const source = new InProcessKernelSource()
let sampler: KernelSampler | null = null

function send(message: HelperMessage): void {
  process.stdout.write(JSON.stringify(message) + '\n')
}

function samplerOnce(): KernelSampler {
  // Ticks are recorded on the app's side, from the stream; this history is only the sampler's scratch.
  sampler ??= source.sampler({ history: new History() })
  return sampler
}

async function handle(command: HelperCommand): Promise<void> {
  switch (command.op) {
    case 'report':
      try {
        send({ type: 'report', id: command.id, report: await source.report(command.request) })
      } catch (error) {
        send({ type: 'error', id: command.id, message: error instanceof Error ? error.message : String(error) })
      }
      return
    case 'targets':
      samplerOnce().setTargets(command.targets, command.limitsChanged)
      return
    case 'start':
      samplerOnce().start(command.intervalMs, (tick) => send({ type: 'tick', tick }))
      return
    case 'stop':
      sampler?.stop()
      return
    case 'seccomp-filters':
      // Synchronous ptrace calls on this thread (ptrace is per thread); koffi is loaded on this first use.
      try {
        send({ type: 'seccomp-filters', id: command.id, reads: toWire(readGroups(command.groups)) })
      } catch (error) {
        send({ type: 'error', id: command.id, message: error instanceof Error ? error.message : String(error) })
      }
      return
    default:
      send({ type: 'error', id: null, message: `unknown command ${JSON.stringify(command)}` })
  }
}

// One command at a time, in order: a report and a tick never interleave within a line.
let queue = Promise.resolve()
createInterface({ input: process.stdin }).on('line', (line) => {
  if (line.trim() === '') return
  let command: HelperCommand
  try {
    command = JSON.parse(line) as HelperCommand
  } catch {
    send({ type: 'error', id: null, message: `not JSON: ${line.slice(0, 80)}` })
    return
  }
  queue = queue.then(() => handle(command))
})
// The app closed our stdin (it ended the session or died): nothing more to answer.
process.stdin.on('end', () => {
  sampler?.stop()
  // stdout to a pipe is asynchronous: exit once the last answer is flushed, not before.
  void queue.then(() => process.stdout.end(() => process.exit(0)))
})
send({ type: 'ready', uid: process.getuid?.() ?? -1, kernel: release(), hostname: hostname() })
