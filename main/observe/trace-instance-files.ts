// Writing an instance's control files, and taking an instance down. Synchronous on purpose: the take-down
// also runs from a process 'exit' handler, where nothing asynchronous runs any more.
import { existsSync, rmdirSync, writeFileSync } from 'node:fs'
import { basename, dirname } from 'node:path'
import { removeCapKprobes } from './cap-kprobe-events'

export function writeControl(dir: string, file: string, value: string, append = false): void {
  writeFileSync(`${dir}/${file}`, value, { flag: append ? 'a' : 'w' })
}

/** Disables every event, clears the pid filter and removes the directory; true when it is gone. */
export function removeInstanceDir(dir: string): boolean {
  if (!existsSync(dir)) return true
  for (const [file, value] of [['tracing_on', '0'], ['events/enable', '0'], ['set_event_pid', '']] as const) {
    try {
      writeControl(dir, file, value)
    } catch {
      // Best effort: rmdir below is what counts.
    }
  }
  try {
    rmdirSync(dir)
    return true
  } catch {
    // EBUSY while a reader still holds trace_pipe open; ENOENT when someone else removed it first.
    return !existsSync(dir)
  }
}

/** Removes the instance, then the kprobe group named after it, if it had one; true when both are gone. */
export function takeDownInstance(dir: string): boolean {
  if (!removeInstanceDir(dir)) return false
  return removeCapKprobes(dirname(dirname(dir)), basename(dir))
}
