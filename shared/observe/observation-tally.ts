// Counts one container's trace events into an Observation. Pure: the events arrive already parsed and
// already known to belong to the container (the instance follows only its processes).
//
// Which credential made a capability check matters. Inside a container's syscalls the kernel sometimes
// checks with another credential: overlayfs does copy-up, whiteouts and its xattrs with the mounter's
// (dockerd's, every capability). The cap_capable tracepoint names the credential (a hashed pointer), so a
// credential is set aside as "another's" when
//   1. it was granted a capability outside the container's bounding set: the container's own
//      credentials can never hold one, or
//   2. it is used by two thread groups at once: fork and exec give each process a credential of its own
//      (kernel/cred.c copy_creds, prepare_exec_creds), so one shared while both are alive is no process's
//      own. A group's credentials are forgotten when it execs or exits (the memory may be reused).
// All checks made with such a credential, before or after it was recognised, are left out of the counts.
import { capabilityName } from '../capabilities'
import type { CapabilityUse, Observation, ObservedContainer, SyscallUse } from './observation'
import { syscallFamily } from './syscall-family'
import { SYSCALL_NAMES_X86_64 } from './syscall-names-x86_64'
import type { TraceEvent } from './trace-event'

interface CapCount {
  granted: number
  denied: number
  firstGrantedAt: number | null
  firstDeniedAt: number | null
}

interface SyscallCount {
  nr: number
  count: number
  firstAt: number
}

export class ObservationTally {
  /** cred → cap → counts, resolved into the result only at the end (a credential may turn out another's later). */
  private readonly byCred = new Map<string, Map<number, CapCount>>()
  private readonly foreignCreds = new Set<string>()
  /** cred → thread group currently using it. */
  private readonly credOwner = new Map<string, number>()
  /** thread group → creds it used since its last exec. */
  private readonly groupCreds = new Map<number, Set<string>>()
  /** By name: per-syscall events name calls this table may not number. */
  private readonly syscalls = new Map<string, SyscallCount>()
  private readonly groups = new Set<number>()
  private lost = 0
  private startTime: number | null = null
  private lastTime = 0

  constructor(private readonly boundingBits: ReadonlySet<number>) {}

  /** The trace clock's reading when the window opened (seconds); else the first event's. */
  setStart(traceSeconds: number): void {
    this.startTime = traceSeconds
  }

  addLost(count: number): void {
    this.lost += count
  }

  add(event: TraceEvent): void {
    if (this.startTime === null) this.startTime = event.time
    const at = Math.max(0, event.time - this.startTime)
    this.lastTime = Math.max(this.lastTime, at)
    const group = event.tgid ?? event.pid
    this.groups.add(group)
    switch (event.kind) {
      case 'cap':
        this.addCap(event.cred, event.cap, event.ret, group, at)
        return
      case 'syscall': {
        const name = event.name ?? SYSCALL_NAMES_X86_64[event.nr] ?? `syscall_${event.nr}`
        const seen = this.syscalls.get(name)
        if (seen) seen.count++
        else this.syscalls.set(name, { nr: event.nr, count: 1, firstAt: at })
        return
      }
      case 'exec':
        this.forgetCreds(group)
        return
      case 'exit':
        if (event.pid === group) this.forgetCreds(group)
        return
    }
  }

  private addCap(cred: string, cap: number, ret: number, group: number, at: number): void {
    if (ret === 0 && !this.boundingBits.has(cap)) this.foreignCreds.add(cred)
    const owner = this.credOwner.get(cred)
    if (owner !== undefined && owner !== group) this.foreignCreds.add(cred)
    else if (owner === undefined) {
      this.credOwner.set(cred, group)
      let creds = this.groupCreds.get(group)
      if (!creds) this.groupCreds.set(group, (creds = new Set()))
      creds.add(cred)
    }
    let caps = this.byCred.get(cred)
    if (!caps) this.byCred.set(cred, (caps = new Map()))
    let count = caps.get(cap)
    if (!count) caps.set(cap, (count = { granted: 0, denied: 0, firstGrantedAt: null, firstDeniedAt: null }))
    if (ret === 0) {
      count.granted++
      count.firstGrantedAt ??= at
    } else {
      count.denied++
      count.firstDeniedAt ??= at
    }
  }

  private forgetCreds(group: number): void {
    for (const cred of this.groupCreds.get(group) ?? []) if (this.credOwner.get(cred) === group) this.credOwner.delete(cred)
    this.groupCreds.delete(group)
  }

  /** Seconds between the window's start and the last event. */
  get elapsed(): number {
    return this.lastTime
  }

  result(container: ObservedContainer, startedAt: string, seconds: number, syscallsTraced: boolean, notes: string[]): Observation {
    return {
      container,
      startedAt,
      seconds,
      capabilities: this.capabilityRows(container),
      syscalls: this.syscallRows(),
      processes: this.groups.size,
      lostEvents: this.lost,
      syscallsTraced,
      notes
    }
  }

  private capabilityRows(container: ObservedContainer): CapabilityUse[] {
    const own = new Map<number, CapCount>()
    const other = new Map<number, number>()
    for (const [cred, caps] of this.byCred) {
      for (const [cap, count] of caps) {
        if (this.foreignCreds.has(cred)) {
          other.set(cap, (other.get(cap) ?? 0) + count.granted + count.denied)
          continue
        }
        const sum = own.get(cap) ?? { granted: 0, denied: 0, firstGrantedAt: null, firstDeniedAt: null }
        sum.granted += count.granted
        sum.denied += count.denied
        sum.firstGrantedAt = earliest(sum.firstGrantedAt, count.firstGrantedAt)
        sum.firstDeniedAt = earliest(sum.firstDeniedAt, count.firstDeniedAt)
        own.set(cap, sum)
      }
    }
    const effective = bitsOf(container.capEff)
    const bits = new Set([...this.boundingBits, ...own.keys(), ...other.keys()])
    return [...bits]
      .sort((a, b) => a - b)
      .map((bit) => {
        const count = own.get(bit) ?? { granted: 0, denied: 0, firstGrantedAt: null, firstDeniedAt: null }
        return {
          name: capabilityName(bit),
          bit,
          held: this.boundingBits.has(bit),
          effective: effective.has(bit),
          ...count,
          otherCredential: other.get(bit) ?? 0,
          verdict: count.granted > 0 ? 'used' : count.denied > 0 ? 'denied' : 'unasked'
        }
      })
  }

  private syscallRows(): SyscallUse[] {
    return [...this.syscalls]
      .map(([name, { nr, count, firstAt }]) => ({ nr, name, family: syscallFamily(name), count, firstAt }))
      .sort((a, b) => b.count - a.count || a.nr - b.nr)
  }
}

function earliest(a: number | null, b: number | null): number | null {
  if (a === null) return b
  if (b === null) return a
  return Math.min(a, b)
}

/** Bit numbers set in a hex capability mask (as /proc/<pid>/status prints it). */
export function bitsOf(hex: string): Set<number> {
  const bits = new Set<number>()
  let value = BigInt(`0x${hex.trim() || '0'}`)
  for (let bit = 0; value > 0n; bit++, value >>= 1n) if (value & 1n) bits.add(bit)
  return bits
}
