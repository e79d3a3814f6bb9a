// observe:all takes one number of seconds, within the bounds of observe:run (serve mode answers before its
// 60 s idle limit); nothing else from the page.
import { describe, expect, it } from 'vitest'
import { ARGUMENT_CHECKS, INVOKE_CHANNELS } from '../../../shared/contract'

const checkInvokeArgs = (channel: 'observe:all', args: unknown[]): string | null => ARGUMENT_CHECKS[channel](args)

describe('observe:all arguments', () => {
  it('is a channel of the contract', () => {
    expect(INVOKE_CHANNELS).toContain('observe:all')
  })

  it('takes seconds between 5 and 45 only', () => {
    expect(checkInvokeArgs('observe:all', [20])).toBeNull()
    expect(checkInvokeArgs('observe:all', [4])).toMatch(/between 5 and 45/)
    expect(checkInvokeArgs('observe:all', [46])).toMatch(/between 5 and 45/)
    expect(checkInvokeArgs('observe:all', ['20'])).not.toBeNull()
    expect(checkInvokeArgs('observe:all', [20, 'web'])).not.toBeNull()
  })
})
