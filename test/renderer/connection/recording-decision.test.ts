import { describe, expect, it } from 'vitest'
import { decideRecording } from '../../../renderer/connection/recording-decision'
import type { EngineState } from '../../../shared/model'
import { variedSnapshot } from '../support/fixture'

const down: EngineState = { reachable: false, error: 'cannot reach Docker at unix:///nonexistent.sock: ENOENT', endpoint: 'unix:///nonexistent.sock' }

describe('when the shipped recording is opened, offered or left in the menu', () => {
  it('opens it when no daemon answers and the kernel shows no container', () => {
    expect(decideRecording({ engine: down, containers: [] })).toEqual({
      kind: 'open',
      reason: 'No Docker daemon answers; the kernel shows no container (cannot reach Docker at unix:///nonexistent.sock: ENOENT).'
    })
  })

  it('offers it, keeping the live view, when the daemon is unreachable but the kernel sees containers', () => {
    const { containers } = variedSnapshot()
    const decision = decideRecording({ engine: down, containers })
    expect(decision.kind).toBe('offer')
    expect(decision.kind === 'offer' && decision.reason).toBe('Docker is not reachable: the kernel alone shows 7 containers, without names or declared settings.')
    expect(decideRecording({ engine: down, containers: containers.slice(0, 1) })).toMatchObject({ reason: expect.stringContaining('shows one container') })
  })

  it('leaves it in the Recordings menu when the daemon answers, even on an empty host', () => {
    const snapshot = variedSnapshot()
    expect(decideRecording(snapshot)).toEqual({ kind: 'menu' })
    expect(decideRecording({ engine: snapshot.engine, containers: [] })).toEqual({ kind: 'menu' })
  })
})
