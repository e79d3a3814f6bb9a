// With one instance for every container, a per-syscall event stays on until every container made the call
// (shared-syscall-switch.ts), so a busy loop in one container keeps sending events its container already
// has. Such a task is left out of that one event by an event filter (`common_pid != <tid>`) once it sent
// HOT_AFTER redundant events: the kernel still reserves and discards a record per call, which costs far
// less than recording and reading it (docs/kernel-notes.md). Only tasks whose container already has the
// call are left out, so no container's result changes.

const HOT_AFTER = 200
/** Filters are kept short: each term is checked on every call. */
const MAX_TERMS = 8

export class HotSyscallFilter {
  private readonly redundant = new Map<string, Map<number, number>>()
  private readonly excluded = new Map<string, number[]>()

  constructor(private readonly writeFilter: (event: string, filter: string) => void) {}

  /** `tid` made a call whose event its container already had. */
  sawRedundant(event: string, tid: number): void {
    let byTask = this.redundant.get(event)
    if (!byTask) this.redundant.set(event, (byTask = new Map()))
    const count = (byTask.get(tid) ?? 0) + 1
    byTask.set(tid, count)
    if (count !== HOT_AFTER) return
    const excluded = this.excluded.get(event) ?? []
    if (excluded.length >= MAX_TERMS || excluded.includes(tid)) return
    excluded.push(tid)
    this.excluded.set(event, excluded)
    this.writeFilter(event, excluded.map((t) => `common_pid != ${t}`).join(' && '))
  }

  /** Tasks left out, over all events. */
  get excludedCount(): number {
    let n = 0
    for (const list of this.excluded.values()) n += list.length
    return n
  }
}
