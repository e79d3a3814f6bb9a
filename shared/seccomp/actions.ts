// Seccomp return values (linux/seccomp.h): the action is the upper 16 bits, the data (errno, trace
// message) the lower 16. When several filters are attached, the kernel runs all of them and keeps
// the action with the lowest signed value (kernel/seccomp.c seccomp_run_filters: ACTION_ONLY(cur) <
// ACTION_ONLY(ret)); filters run newest first, so among equal actions the newest filter's data wins.
import { errnoName } from './errno-names'

export type SeccompActionKind = 'kill_process' | 'kill_thread' | 'trap' | 'errno' | 'user_notif' | 'trace' | 'log' | 'allow'

export interface SeccompAction {
  kind: SeccompActionKind
  /** The low 16 bits: errno for ERRNO, message for TRACE and TRAP. */
  data: number
  /** The 32-bit value the filter returned. */
  raw: number
  /** For ERRNO: the errno's name (EPERM). */
  errnoName?: string
}

export const SECCOMP_RET = {
  KILL_PROCESS: 0x80000000,
  KILL_THREAD: 0x00000000,
  TRAP: 0x00030000,
  ERRNO: 0x00050000,
  USER_NOTIF: 0x7fc00000,
  TRACE: 0x7ff00000,
  LOG: 0x7ffc0000,
  ALLOW: 0x7fff0000
} as const

const KIND_BY_ACTION = new Map<number, SeccompActionKind>([
  [SECCOMP_RET.KILL_PROCESS, 'kill_process'],
  [SECCOMP_RET.KILL_THREAD, 'kill_thread'],
  [SECCOMP_RET.TRAP, 'trap'],
  [SECCOMP_RET.ERRNO, 'errno'],
  [SECCOMP_RET.USER_NOTIF, 'user_notif'],
  [SECCOMP_RET.TRACE, 'trace'],
  [SECCOMP_RET.LOG, 'log'],
  [SECCOMP_RET.ALLOW, 'allow']
])

/** Signed action part, the order the kernel compares in (lower = more restrictive). */
export function actionRank(raw: number): number {
  return (raw & 0xffff0000) | 0
}

export function decodeAction(raw: number): SeccompAction {
  const value = raw >>> 0
  const action = (value & 0xffff0000) >>> 0
  const data = value & 0xffff
  // An action value the kernel does not know is treated as KILL_PROCESS (seccomp_run_filters' default case).
  const kind = KIND_BY_ACTION.get(action) ?? 'kill_process'
  const decoded: SeccompAction = { kind, data, raw: value }
  if (kind === 'errno') {
    const name = errnoName(data)
    if (name !== undefined) decoded.errnoName = name
  }
  return decoded
}

/** The action the kernel applies when several filters answered (results in any order, newest first preferred). */
export function combineActions(newestFirst: readonly number[]): number {
  let result = SECCOMP_RET.ALLOW as number
  for (const raw of newestFirst) if (actionRank(raw) < actionRank(result)) result = raw >>> 0
  return result
}

/** ERRNO(1) EPERM, KILL_PROCESS, ALLOW, TRACE(7)… */
export function formatAction(action: SeccompAction): string {
  switch (action.kind) {
    case 'errno':
      return `ERRNO(${action.data}${action.errnoName !== undefined ? ` ${action.errnoName}` : ''})`
    case 'trace':
    case 'trap':
      return `${action.kind.toUpperCase()}(${action.data})`
    default:
      return action.kind.toUpperCase()
  }
}

/** Words a student reads: what happens to the process that makes the call. */
export function describeAction(action: SeccompAction): string {
  switch (action.kind) {
    case 'allow':
      return 'allowed'
    case 'log':
      return 'allowed and logged'
    case 'errno':
      return `fails with ${action.errnoName ?? `errno ${action.data}`}`
    case 'kill_thread':
      return 'the thread is killed (SIGSYS)'
    case 'kill_process':
      return 'the process is killed (SIGSYS)'
    case 'trap':
      return 'SIGSYS is sent to the thread'
    case 'trace':
      return 'handed to a ptrace tracer (ENOSYS without one)'
    case 'user_notif':
      return 'handed to a user-space supervisor'
  }
}
