// A task that keeps sending an event its container already has is left out of that event by a filter,
// after 200 such events, up to 8 tasks per event; other events and tasks are untouched.
import { describe, expect, it } from 'vitest'
import { HotSyscallFilter } from '../../main/observe/hot-syscall-filter'

describe('HotSyscallFilter', () => {
  it('filters a task out of one event once it sent 200 redundant events of it', () => {
    const written: Array<[string, string]> = []
    const hot = new HotSyscallFilter((event, filter) => written.push([event, filter]))
    for (let i = 0; i < 199; i++) hot.sawRedundant('read', 42)
    expect(written).toEqual([])
    hot.sawRedundant('read', 42)
    expect(written).toEqual([['read', 'common_pid != 42']])
    for (let i = 0; i < 500; i++) hot.sawRedundant('read', 42)
    for (let i = 0; i < 200; i++) hot.sawRedundant('read', 43)
    for (let i = 0; i < 10; i++) hot.sawRedundant('write', 42)
    expect(written).toEqual([
      ['read', 'common_pid != 42'],
      ['read', 'common_pid != 42 && common_pid != 43']
    ])
    expect(hot.excludedCount).toBe(2)
  })

  it('keeps a filter to 8 terms', () => {
    const written: string[] = []
    const hot = new HotSyscallFilter((_event, filter) => written.push(filter))
    for (let tid = 1; tid <= 10; tid++) for (let i = 0; i < 200; i++) hot.sawRedundant('write', tid)
    expect(written).toHaveLength(8)
    expect(written.at(-1)!.split('&&')).toHaveLength(8)
  })
})
