// One private tracefs instance (kernel-facts §8): its own buffer, events, pid filter and trace_pipe, so
// nothing else that uses tracing on the host is disturbed. Created with the processes to follow
// (set_event_pid + options/event-fork: children are added by the kernel as they fork), read as a stream,
// and always taken down: on close(), and, for an end nobody awaited, by the registry's exit handler. Where
// the kernel lacks the cap_capable tracepoint, the instance owns a kprobe group, removed with it.
import { closeSync, mkdirSync, openSync, constants as fsConstants, read } from 'node:fs'
import { processStartTime } from '../kernel/helper-owner'
import { instanceName } from './trace-instance-name'
import { takeDownInstance, writeControl } from './trace-instance-files'
import { capKprobeEventPaths, defineCapKprobes, removeCapKprobes } from './cap-kprobe-events'
import { forgetInstance, rememberInstance } from './trace-instance-registry'

export interface TraceInstanceOptions {
  root: string
  /** Thread ids to follow (every thread of every process: the filter is per task). */
  pids: readonly number[]
  /** e.g. capability/cap_capable */
  events: readonly string[]
  /** Ring buffer per CPU; a syscall-heavy workload fills a small one between two reads. */
  bufferKb?: number
  /** How often trace_pipe is drained. */
  pollMs?: number
  /** Event filters, by event (e.g. cgroup/cgroup_attach_task → `dst_path ~ "*<id>*"`), set before enabling. */
  filters?: Readonly<Record<string, string>>
  onLines: (lines: string[]) => void
  /** Define the kprobe pair on cap_capable for this instance and enable it here only (no tracepoint). */
  capKprobe?: boolean
}

let nextSeq = 0
const READ_CHUNK = 64 * 1024

export class TraceInstance {
  readonly name: string
  readonly dir: string
  /** Why the kernel refused the cap_capable kprobe pair (the instance then runs without it), or null. */
  capKprobeError: string | null = null
  private fd: number | null = null
  private timer: NodeJS.Timeout | null = null
  private pending = ''
  private reading = false
  private closed = false
  private readonly followed = new Set<number>()
  private readonly buffer = Buffer.alloc(READ_CHUNK)

  private constructor(private readonly options: TraceInstanceOptions) {
    const start = processStartTime(process.pid) ?? '0'
    this.name = instanceName({ pid: process.pid, start, seq: nextSeq++ })
    this.dir = `${options.root}/instances/${this.name}`
  }

  static open(options: TraceInstanceOptions): TraceInstance {
    const instance = new TraceInstance(options)
    instance.create()
    return instance
  }

  private create(): void {
    mkdirSync(this.dir)
    rememberInstance(this.dir)
    try {
      const { dir } = this
      writeControl(dir, 'tracing_on', '0')
      writeControl(dir, 'buffer_size_kb', String(this.options.bufferKb ?? 4096))
      writeControl(dir, 'options/record-tgid', '1')
      writeControl(dir, 'options/event-fork', '1')
      // CLOCK_MONOTONIC, the clock of process.hrtime: event times compare with the window's start.
      writeControl(dir, 'trace_clock', 'mono')
      // No pids: every task on the host (the filter on the event decides).
      this.addPids(this.options.pids)
      for (const [event, filter] of Object.entries(this.options.filters ?? {})) writeControl(dir, `events/${event}/filter`, filter)
      const events = [...this.options.events]
      if (this.options.capKprobe) {
        // After mkdir, so that a concurrent start's clean-up sees the instance the group belongs to.
        try {
          defineCapKprobes(this.options.root, this.name)
          events.push(...capKprobeEventPaths(this.name))
        } catch (error) {
          // No $argN before 4.20, lockdown, cap_capable not probeable: observe the rest without it.
          this.capKprobeError = (error as NodeJS.ErrnoException).code ?? (error as Error).message
          removeCapKprobes(this.options.root, this.name)
        }
      }
      for (const event of events) writeControl(dir, `events/${event}/enable`, '1')
      this.fd = openSync(`${dir}/trace_pipe`, fsConstants.O_RDONLY | fsConstants.O_NONBLOCK)
      writeControl(dir, 'tracing_on', '1')
    } catch (error) {
      this.closeSync()
      throw error
    }
    this.timer = setInterval(() => void this.drain(), this.options.pollMs ?? 50)
  }

  /** Adds threads to the filter (a `docker exec` process is not a child of the followed ones). */
  addPids(pids: Iterable<number>): number {
    const fresh = [...pids].filter((pid) => !this.followed.has(pid))
    if (fresh.length === 0 || this.closed) return 0
    for (const pid of fresh) this.followed.add(pid)
    // Appending keeps the pids the kernel added on fork; a plain write would replace them. One write for
    // all: each write makes the kernel rebuild the list and wait for the CPUs (hundreds took seconds).
    try {
      writeControl(this.dir, 'set_event_pid', fresh.join(' '), true)
    } catch {
      for (const pid of fresh) {
        try {
          writeControl(this.dir, 'set_event_pid', String(pid), true)
        } catch {
          // ESRCH: the thread ended meanwhile.
        }
      }
    }
    return fresh.length
  }

  /** Switches one event off (a syscall already seen). */
  disableEvent(event: string): void {
    this.setEventEnabled(event, false)
  }

  /** Switches one event on or off (off: a syscall already seen; on again: a container joined). */
  setEventEnabled(event: string, on: boolean): void {
    if (this.closed) return
    try {
      writeControl(this.dir, `events/${event}/enable`, on ? '1' : '0')
    } catch {
      // Gone with the instance: nothing to switch.
    }
  }

  /** Sets an event's filter (allowed while it is on). */
  setEventFilter(event: string, filter: string): void {
    if (this.closed) return
    try {
      writeControl(this.dir, `events/${event}/filter`, filter)
    } catch {
      // Gone with the instance, or a filter this kernel refuses: the event stays unfiltered.
    }
  }

  /** Reads what trace_pipe holds now and hands over the complete lines. */
  drain(): Promise<void> {
    if (this.reading || this.fd === null) return Promise.resolve()
    this.reading = true
    const fd = this.fd
    return new Promise((resolve) => {
      const step = (): void => {
        read(fd, this.buffer, 0, READ_CHUNK, null, (error, bytes) => {
          if (error || bytes === 0 || this.fd === null) {
            this.reading = false
            resolve()
            return
          }
          const text = this.pending + this.buffer.toString('latin1', 0, bytes)
          const cut = text.lastIndexOf('\n')
          this.pending = text.slice(cut + 1)
          if (cut >= 0) this.options.onLines(text.slice(0, cut).split('\n'))
          step()
        })
      }
      step()
    })
  }

  /** Stops reading, drains what is left, and takes the instance down. */
  async close(): Promise<void> {
    if (this.closed) return
    if (this.timer) clearInterval(this.timer)
    this.timer = null
    if (this.fd !== null) {
      try {
        writeControl(this.dir, 'tracing_on', '0')
      } catch {
        // Removed underneath us: nothing to stop.
      }
      while (this.reading) await new Promise((resolve) => setTimeout(resolve, 5))
      await this.drain()
    }
    this.closeSync()
  }

  /** The take-down, synchronous (also used on process exit). */
  closeSync(): void {
    this.closed = true
    if (this.timer) clearInterval(this.timer)
    this.timer = null
    if (this.fd !== null) {
      try {
        closeSync(this.fd)
      } catch {
        // Already closed.
      }
      this.fd = null
    }
    if (takeDownInstance(this.dir)) forgetInstance(this.dir)
  }
}
