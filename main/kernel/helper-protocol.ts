// The NDJSON spoken between the app and its helper container, one JSON object per line.
// App → helper on stdin; helper → app on stdout. Reports carry the id of the request they answer;
// ticks are the same `sample` and `event` messages `glasshouse watch --json` prints, one tick a line.
// Types only: both ends import this, and the helper's bundle must stay free of dependencies.
import type { SamplerTarget, TickResult } from '../live/sampler'
import type { KernelReport, KernelRequest } from './kernel-source'
import type { WireGroupReads } from './seccomp-helper-wire'

export type HelperCommand =
  | { op: 'report'; id: number; request: KernelRequest }
  | { op: 'targets'; targets: SamplerTarget[]; limitsChanged?: string[] }
  | { op: 'start'; intervalMs: number }
  | { op: 'stop' }
  /** Read the live seccomp filters of one process per group (answered usefully only by the short-lived seccomp helper). */
  | { op: 'seccomp-filters'; id: number; groups: number[][] }

export type HelperMessage =
  /** First line, once the helper reads its stdin: who it runs as, on which kernel. */
  | { type: 'ready'; uid: number; kernel: string; hostname: string }
  | { type: 'report'; id: number; report: KernelReport }
  /** A request that failed (id) or a line the helper could not take (id null). */
  | { type: 'error'; id: number | null; message: string }
  | { type: 'tick'; tick: TickResult }
  | { type: 'seccomp-filters'; id: number; reads: WireGroupReads }
