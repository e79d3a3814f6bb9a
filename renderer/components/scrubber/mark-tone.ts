// How loud a recorded event's mark on the time scrubber is: a kill is severe, a limit biting is a
// warning, a container's lifecycle (create, start, die …) is plain.
export type MarkTone = 'high' | 'medium' | 'low'

export function markTone(kind: string): MarkTone {
  if (kind === 'oom-kill' || kind === 'container-oom') return 'high'
  if (kind === 'cpu-throttled' || kind === 'pids-limit' || kind === 'memory-pressure') return 'medium'
  return 'low'
}
