// The instances this process has open, so that an end nobody awaited still takes them down: process
// 'exit' (an uncaught error, process.exit()), and SIGINT/SIGTERM/SIGHUP when nobody else handles them
// (Node would otherwise die at once, without 'exit'). A command that handles the signal itself (the CLI
// turns Ctrl-C into an abort) closes its instances on the normal path. SIGKILL cannot be caught: the next
// start removes what it left (trace-instance-cleanup.ts).
import { takeDownInstance } from './trace-instance-files'

const open = new Set<string>()
let installed = false
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const

export function rememberInstance(dir: string): void {
  open.add(dir)
  if (!installed) install()
}

export function forgetInstance(dir: string): void {
  open.delete(dir)
}

export function openInstanceDirs(): string[] {
  return [...open]
}

function takeDownAll(): void {
  for (const dir of open) if (takeDownInstance(dir)) open.delete(dir)
}

function install(): void {
  installed = true
  process.on('exit', takeDownAll)
  for (const signal of SIGNALS) {
    const onSignal = (): void => {
      // Someone else handles this signal: they end the observation the normal way.
      if (process.listenerCount(signal) > 1) return
      takeDownAll()
      process.removeListener(signal, onSignal)
      process.kill(process.pid, signal)
    }
    process.on(signal, onSignal)
  }
}
