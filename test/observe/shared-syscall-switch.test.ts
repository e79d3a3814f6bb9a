// One instance serves every container: a per-syscall event may go off only once every container still
// followed made the call, and goes back on when a container joins.
import { describe, expect, it } from 'vitest'
import { SharedSyscallSwitch } from '../../main/observe/shared-syscall-switch'

function recorder(): { calls: string[]; set: (event: string, on: boolean) => void } {
  const calls: string[] = []
  return { calls, set: (event, on) => calls.push(`${event}:${on ? 'on' : 'off'}`) }
}

describe('SharedSyscallSwitch', () => {
  it('keeps an event on until every container made the call', () => {
    const r = recorder()
    const sw = new SharedSyscallSwitch(r.set, ['a', 'b'])
    sw.seen('read', 'a')
    sw.seen('read', 'a')
    expect(r.calls).toEqual([])
    sw.seen('read', 'b')
    expect(r.calls).toEqual(['read:off'])
  })

  it('switches back on what is off when a container joins, and off again once it made the call', () => {
    const r = recorder()
    const sw = new SharedSyscallSwitch(r.set, ['a'])
    sw.seen('read', 'a')
    sw.join('c')
    sw.join('c')
    expect(r.calls).toEqual(['read:off', 'read:on'])
    sw.seen('read', 'c')
    expect(r.calls).toEqual(['read:off', 'read:on', 'read:off'])
  })

  it('a container that ended no longer holds an event on', () => {
    const r = recorder()
    const sw = new SharedSyscallSwitch(r.set, ['a', 'idle'])
    sw.seen('write', 'a')
    expect(sw.switchedOff).toBe(0)
    sw.leave('idle')
    expect(r.calls).toEqual(['write:off'])
  })
})
