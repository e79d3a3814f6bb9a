// When the shipped recording replaces the live view, and when it is only offered. The README's
// promise: with no Docker daemon and nothing the kernel can show, the app opens the recording by
// itself (clearly marked); with containers the kernel still sees, the live kernel-only view stays
// and the recording is one click away in a banner; with Docker answering, in the Recordings menu.
import type { HostSnapshot } from '../../shared/model'

export type RecordingDecision =
  /** Nothing live to show: open the recording at start. */
  | { kind: 'open'; reason: string }
  /** The live view is partial (Docker unreachable): keep it and offer the recording in a banner. */
  | { kind: 'offer'; reason: string }
  /** The live view is whole: the recording waits in the Recordings menu. */
  | { kind: 'menu' }

export function decideRecording(snapshot: Pick<HostSnapshot, 'engine' | 'containers'>): RecordingDecision {
  const { engine, containers } = snapshot
  if (engine.reachable) return { kind: 'menu' }
  if (containers.length === 0) {
    // The short fact first: the banner clamps long text, and the daemon's error can be long.
    return { kind: 'open', reason: `No Docker daemon answers; the kernel shows no container (${engine.error}).` }
  }
  // The status line carries the daemon's error; the offer only says what the live view lacks.
  const seen = containers.length === 1 ? 'one container' : `${containers.length} containers`
  return { kind: 'offer', reason: `Docker is not reachable: the kernel alone shows ${seen}, without names or declared settings.` }
}
