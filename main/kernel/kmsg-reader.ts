// Reads OOM kills from the kernel log, /dev/kmsg. The first read returns every record still in the
// kernel's ring buffer (since boot, as far as it reaches back); the open descriptor then continues where
// the last read ended, so a caller polls it (the live session on each refresh, and when an OOM is seen).
//
// Why polling with non-blocking reads and no stream: each read(2) returns one record and blocks at the
// end unless O_NONBLOCK; a blocking read would hold a libuv pool thread for as long as the log is quiet,
// and a stream over an O_NONBLOCK fd ends in an EAGAIN error. A drained read costs one syscall.
import * as fs from 'node:fs'
import type { Problem } from '../../shared/model'
import { OomKillAssembler, parseKmsgRecord, type KmsgOomKill } from './kmsg-parse'

export const KMSG_PATH = '/dev/kmsg'
/** Kills kept per container: the post-mortem shows the last few. */
export const KILLS_PER_CONTAINER = 5

export interface KernelLogReading {
  /** Last kills per container (oldest first), from the whole ring buffer the reader has seen. */
  kills: KmsgOomKill[]
  /** Why the log could not be read (then only the cgroups' OOM kill counters are shown); null when read. */
  problem: Problem | null
  /** Records the kernel overwrote before they were read (EPIPE): kills in them are lost. */
  overwritten: boolean
}

/** The few fs calls the reader makes, replaceable to test refusals. */
export interface KmsgFs {
  openSync(path: string, flags: number): number
  readSync(fd: number, buffer: Buffer, offset: number, length: number, position: null): number
  closeSync(fd: number): void
}

export interface KmsgReaderOptions {
  path?: string
  fs?: KmsgFs
  /** Wall time of boot in ms; default: now minus the monotonic clock (what kmsg stamps use). */
  bootMs?: number
}

const RECORD_BUFFER = 16 * 1024

export class KmsgReader {
  private fd: number | null = null
  private problem: Problem | null = null
  private overwritten = false
  private readonly kills = new Map<string, KmsgOomKill[]>()
  private readonly assembler: OomKillAssembler
  private readonly fs: KmsgFs
  private readonly path: string
  private readonly buffer = Buffer.alloc(RECORD_BUFFER)

  constructor(options: KmsgReaderOptions = {}) {
    this.fs = options.fs ?? fs
    this.path = options.path ?? KMSG_PATH
    this.assembler = new OomKillAssembler(options.bootMs ?? wallClockAtBoot())
  }

  /** Whether a read has begun: the backlog is behind us, each later read costs only what is new. */
  get reading(): boolean {
    return this.fd !== null
  }

  /**
   * The log left unread, when it can name no kill (kmsg-needed.ts): what is kept so far, without opening the
   * device. Whether it could be read does not matter then; a denial is reported once a read is needed.
   */
  unread(): KernelLogReading {
    return { kills: [...this.kills.values()].flat(), problem: this.problem, overwritten: this.overwritten }
  }

  /** Reads what is new since the last call; returns everything kept so far and the kills new in this call. */
  read(): KernelLogReading & { fresh: KmsgOomKill[] } {
    const fresh: KmsgOomKill[] = []
    if (this.fd === null && this.problem === null) this.open()
    if (this.fd !== null) {
      for (;;) {
        let length: number
        try {
          length = this.fs.readSync(this.fd, this.buffer, 0, this.buffer.length, null)
        } catch (error) {
          const code = (error as NodeJS.ErrnoException).code
          if (code === 'EAGAIN') break
          // The ring buffer wrapped past us; the next read continues with the oldest record left.
          if (code === 'EPIPE') {
            this.overwritten = true
            continue
          }
          this.fail(error)
          break
        }
        if (length === 0) break
        const record = parseKmsgRecord(this.buffer.toString('utf8', 0, length))
        const kill = record && this.assembler.push(record)
        if (kill) {
          fresh.push(kill)
          this.keep(kill)
        }
      }
    }
    return { kills: [...this.kills.values()].flat(), problem: this.problem, overwritten: this.overwritten, fresh }
  }

  close(): void {
    if (this.fd !== null) this.fs.closeSync(this.fd)
    this.fd = null
  }

  private open(): void {
    try {
      this.fd = this.fs.openSync(this.path, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK)
    } catch (error) {
      this.fail(error)
    }
  }

  private keep(kill: KmsgOomKill): void {
    const list = this.kills.get(kill.containerId) ?? []
    list.push(kill)
    if (list.length > KILLS_PER_CONTAINER) list.shift()
    this.kills.set(kill.containerId, list)
  }

  private fail(error: unknown): void {
    this.close()
    this.problem = kernelLogProblem(this.path, error)
  }
}

/** The plain sentence a user sees when the kernel log is closed to Glasshouse. */
export function kernelLogProblem(path: string, error: unknown): Problem {
  const code = (error as NodeJS.ErrnoException).code ?? 'error'
  const denied = code === 'EPERM' || code === 'EACCES'
  const why = denied
    ? `${path} is readable only by root (or CAP_SYSLOG while kernel.dmesg_restrict is 1): ${code}`
    : `${path} could not be read: ${error instanceof Error ? error.message : String(error)}`
  return {
    field: 'oomKills',
    reason: denied ? 'denied' : code === 'ENOENT' ? 'missing' : 'unavailable',
    message: `${why}. Which process the OOM killer chose is unknown; only the cgroup's OOM kill counter is shown.`
  }
}

/**
 * The sentence for a helper started without /dev/kmsg because the daemon could not give it (no such device
 * on its host, a rootless daemon): the daemon's own reason, instead of the helper's bare ENOENT.
 */
export function helperKernelLogProblem(reason: string): Problem {
  return {
    field: 'oomKills',
    reason: 'unavailable',
    message: `kernel log not readable through the helper: ${reason}. Which process the OOM killer chose is unknown; only the cgroup's OOM kill counter is shown.`
  }
}

/**
 * Wall time of boot in ms, to date records stamped in CLOCK_MONOTONIC. Sub-millisecond on both sides
 * (Date.now() and a truncated hrtime each lose up to 1 ms), so two processes reading the same record date it
 * alike: the app and its helper container agree on an OOM kill's time.
 */
function wallClockAtBoot(): number {
  // Node's global performance, loaded on first use: a snapshot that never reads the log does not load perf_hooks.
  return performance.timeOrigin + performance.now() - Number(process.hrtime.bigint()) / 1e6
}
