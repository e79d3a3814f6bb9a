import type Docker from 'dockerode'
import { describe, expect, it } from 'vitest'
import { exitStateFromInspect } from '../../main/engine/exit-state'

function inspectWith(state: Record<string, unknown>, restartCount: unknown = 0): Docker.ContainerInspectInfo {
  return { Id: 'x', State: state, RestartCount: restartCount } as unknown as Docker.ContainerInspectInfo
}

describe('exitStateFromInspect', () => {
  it('an OOM-killed container: exit 137, OOMKilled, finish time and restarts', () => {
    const s = exitStateFromInspect(
      inspectWith({ Status: 'exited', Running: false, OOMKilled: true, ExitCode: 137, Error: '', FinishedAt: '2026-12-03T20:00:01.5Z' }, 2)
    )
    expect(s).toEqual({ restartCount: 2, exit: { exitCode: 137, oomKilled: true, finishedAt: '2026-12-03T20:00:01.5Z', error: null } })
  })

  it('keeps Docker\'s error when the start failed', () => {
    const s = exitStateFromInspect(inspectWith({ Running: false, ExitCode: 127, Error: 'exec: "nope": not found', FinishedAt: '2026-12-03T20:00:01Z' }))
    expect(s.exit).toMatchObject({ exitCode: 127, error: 'exec: "nope": not found' })
  })

  it('no post-mortem while running, before the first start, or from a daemon that sent nulls', () => {
    expect(exitStateFromInspect(inspectWith({ Running: true, ExitCode: 0, FinishedAt: '2026-12-03T20:00:01Z' }, 1))).toEqual({ restartCount: 1, exit: null })
    expect(exitStateFromInspect(inspectWith({ Running: false, ExitCode: 0, FinishedAt: '0001-01-01T00:00:00Z' })).exit).toBeNull()
    expect(exitStateFromInspect({ Id: 'x' } as unknown as Docker.ContainerInspectInfo)).toEqual({ restartCount: null, exit: null })
    expect(exitStateFromInspect(inspectWith({ Running: false, ExitCode: null, FinishedAt: null }, null))).toEqual({ restartCount: null, exit: null })
  })
})
