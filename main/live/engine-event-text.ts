// The sentence a Docker event becomes in the live stream.
import type { EngineEventKind } from '../../shared/live'
import type { DockerEvent } from '../engine/event-lines'

export function describeEngineEvent(kind: EngineEventKind, event: DockerEvent): string {
  switch (kind) {
    case 'container-die':
      return `${event.name} exited with code ${event.attributes.exitCode ?? '?'}`
    case 'container-oom':
      return `the kernel's OOM killer hit a process in ${event.name} (its memory limit was reached)`
    case 'container-exec':
      return `${event.action.replace('_', ' ')} in ${event.name}${event.detail ? `: ${event.detail}` : ''}`
    default:
      return `${event.name}: ${event.action}`
  }
}
