// The contract's check of demo:run-step: a demo id, a step, and as a third argument only the consent
// a demo can ask for (swarm-init), so a page cannot pass anything else to the runner.
import { describe, expect, it } from 'vitest'
import { ARGUMENT_CHECKS } from '../../shared/contract'

describe('demo:run-step arguments', () => {
  const check = ARGUMENT_CHECKS['demo:run-step']
  it('takes a demo id and a step, and optionally the consent swarm-init', () => {
    expect(check(['pid-host', 0])).toBeNull()
    expect(check(['swarm-secret', 0, 'swarm-init'])).toBeNull()
  })
  it('refuses any other consent, or more arguments', () => {
    for (const args of [['swarm-secret', 0, 'yes'], ['swarm-secret', 0, true], ['swarm-secret', 0, 'swarm-init', 'x'], ['swarm-secret', 0, null]]) {
      expect(check(args), JSON.stringify(args)).toMatch(/optionally the consent "swarm-init"/)
    }
  })
})
