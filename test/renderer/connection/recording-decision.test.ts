import { describe, expect, it } from 'vitest'
import { decideRecording } from '../../../renderer/connection/recording-decision'
import type { EngineState } from '../../../shared/model'
import { variedSnapshot } from '../support/fixture'

const down: EngineState = { reachable: false, error: 'cannot reach Docker at unix:///nonexistent.sock: ENOENT', endpoint: 'unix:///nonexistent.sock' }

describe('when the shipped recording is opened, offered or left in the menu', () => {
  it('opens it when no daemon answers and the kernel shows no container', () => {
    expect(decideRecording({ engine: down, containers: [] })).toEqual({
      kind: 'open',
      reason: 'Docker is not reachable (cannot reach Docker at unix:///nonexistent.sock: ENOENT) and the kernel shows no containers.'
    })
  })

  it('offers it, keeping the live view, when the daemon is unreachable but the kernel sees containers', () => {
    const { containers } = variedSnapshot()
    const decision = decideRecording({ engine: down, containers })
    expect(decision.kind).toBe('offer')
    expect(decision.kind === 'offer' && decision.reason).toMatch(/^Docker is not reachable \(.*ENOENT\); the kernel alone shows 7 containers/)
    expect(decideRecording({ engine: down, containers: containers.slice(0, 1) })).toMatchObject({ reason: expect.stringContaining('shows one container') })
  })

  it('leaves it in the Recordings menu when the daemon answers, even on an empty host', () => {
    const snapshot = variedSnapshot()
    expect(decideRecording(snapshot)).toEqual({ kind: 'menu' })
    expect(decideRecording({ engine: snapshot.engine, containers: [] })).toEqual({ kind: 'menu' })
  })
})
