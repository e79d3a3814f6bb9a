// "each-once" syscall tracing when one instance follows many containers. A per-syscall event that is off
// is off for every followed task, so an event may go off only once every container still followed has
// made that call; until then each call of it is recorded (the cost BENCHMARKS.md measures). A container
// that joins during the window has made none: every event switched off goes back on.

export class SharedSyscallSwitch {
  /** event → containers that made it. */
  private readonly seenBy = new Map<string, Set<string>>()
  private readonly live = new Set<string>()
  private readonly off = new Set<string>()

  constructor(
    private readonly setEnabled: (event: string, on: boolean) => void,
    containers: Iterable<string> = []
  ) {
    for (const id of containers) this.live.add(id)
  }

  /** A container made the syscall whose event is `event`; false when it had made it before. */
  seen(event: string, containerId: string): boolean {
    let who = this.seenBy.get(event)
    if (!who) this.seenBy.set(event, (who = new Set()))
    if (who.has(containerId)) return false
    who.add(containerId)
    this.switchOffIfAllSaw(event)
    return true
  }

  /** A container joined: it made none of the calls yet, so every event must be on again. */
  join(containerId: string): void {
    if (this.live.has(containerId)) return
    this.live.add(containerId)
    for (const event of this.off) this.setEnabled(event, true)
    this.off.clear()
  }

  /** A container ended: it no longer holds any event on. */
  leave(containerId: string): void {
    if (!this.live.delete(containerId)) return
    for (const event of this.seenBy.keys()) this.switchOffIfAllSaw(event)
  }

  /** Events switched off now. */
  get switchedOff(): number {
    return this.off.size
  }

  private switchOffIfAllSaw(event: string): void {
    if (this.off.has(event) || this.live.size === 0) return
    const who = this.seenBy.get(event)
    for (const id of this.live) if (!who?.has(id)) return
    this.off.add(event)
    this.setEnabled(event, false)
  }
}
