// The recorded history carried from one live session to the next when the app's probe setting changes
// (local ↔ helper): the sparklines' ten minutes must not restart empty when both sessions read the same
// kernel. Only then: another kernel (another host, or the same host rebooted) is another set of
// counters, and its past would be drawn as if it belonged to these containers.
import type { HistoryDump } from '../../shared/contract'
import type { HostSnapshot } from '../../shared/model'

/** Both snapshots read one kernel: the same host name and the same kernel release. */
export function sameKernel(a: HostSnapshot | null, b: HostSnapshot | null): boolean {
  return a !== null && b !== null && a.host.hostname === b.host.hostname && a.host.kernel === b.host.kernel
}

/**
 * The earlier session's history followed by the later one's. While both ran (the new one starts before
 * the old one stops) both sampled: of the later one only what is newer than the earlier one's last
 * point (per container) or last event is kept. What left the later window by `nowMs` is dropped.
 */
export function mergeHistory(earlier: HistoryDump, later: HistoryDump, nowMs: number = Date.now()): HistoryDump {
  const windowMs = later.windowMs
  const oldest = nowMs - windowMs
  const inWindow = (at: string): boolean => Date.parse(at) >= oldest
  const containers: HistoryDump['containers'] = {}
  for (const id of new Set([...Object.keys(earlier.containers), ...Object.keys(later.containers)])) {
    const before = earlier.containers[id] ?? []
    const lastMs = before.length > 0 ? Date.parse(before.at(-1)!.at) : -Infinity
    const after = (later.containers[id] ?? []).filter((p) => Date.parse(p.at) > lastMs)
    const points = [...before, ...after].filter((p) => inWindow(p.at))
    if (points.length > 0) containers[id] = points
  }
  const lastEventMs = earlier.events.length > 0 ? Date.parse(earlier.events.at(-1)!.at) : -Infinity
  const events = [...earlier.events, ...later.events.filter((e) => Date.parse(e.at) > lastEventMs)].filter((e) => inWindow(e.at))
  return { windowMs, containers, events }
}
