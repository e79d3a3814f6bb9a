// The post-mortem Docker keeps for a container that stopped: exit code, OOMKilled, finish time,
// restart count (inspect State and RestartCount). The kernel cannot tell: the cgroup is removed at exit.
import type Docker from 'dockerode'
import type { ContainerExit } from '../../shared/model'

/** How Go prints a zero time.Time: FinishedAt of a container that never finished. */
const GO_ZERO_TIME = '0001-01-01T00:00:00Z'

export interface ExitState {
  restartCount: number | null
  exit: ContainerExit | null
}

export function exitStateFromInspect(info: Docker.ContainerInspectInfo): ExitState {
  // Daemons differ by version and some fields are null rather than absent: trust nothing.
  const state = (info.State ?? {}) as Partial<Docker.ContainerInspectInfo['State']>
  const restartCount = typeof info.RestartCount === 'number' && info.RestartCount >= 0 ? info.RestartCount : null
  const finishedAt = typeof state.FinishedAt === 'string' && state.FinishedAt !== GO_ZERO_TIME ? state.FinishedAt : null
  // A running (or paused) container's ExitCode and FinishedAt describe an earlier run, not this one.
  if (state.Running === true || finishedAt === null || typeof state.ExitCode !== 'number') return { restartCount, exit: null }
  return {
    restartCount,
    exit: {
      exitCode: state.ExitCode,
      oomKilled: state.OOMKilled === true,
      finishedAt,
      error: typeof state.Error === 'string' && state.Error !== '' ? state.Error : null
    }
  }
}
