import { describe, expect, it } from 'vitest'
import { createSharer, reuseEqual } from '../../../renderer/selectors/reuse-equal'

describe('reuseEqual', () => {
  it('returns the previous value when everything is equal', () => {
    const previous = { rows: [{ id: 'a', cells: [1, 2] }], byId: new Map([['a', [{ level: 'high' }]]]) }
    const next = { rows: [{ id: 'a', cells: [1, 2] }], byId: new Map([['a', [{ level: 'high' }]]]) }
    expect(reuseEqual(previous, next)).toBe(previous)
  })

  it('keeps the identity of unchanged parts and takes the changed ones from next', () => {
    const previous = { rows: [{ id: 'a', n: 1 }, { id: 'b', n: 2 }, { id: 'c', n: 3 }] }
    const next = { rows: [{ id: 'a', n: 1 }, { id: 'b', n: 20 }, { id: 'c', n: 3 }] }
    const shared = reuseEqual(previous, next)
    expect(shared).toEqual(next)
    expect(shared).not.toBe(previous)
    expect(shared.rows[0]).toBe(previous.rows[0])
    expect(shared.rows[1]).toBe(next.rows[1])
    expect(shared.rows[2]).toBe(previous.rows[2])
  })

  it('sees added, removed and reordered entries', () => {
    expect(reuseEqual([1, 2], [1, 2, 3])).toEqual([1, 2, 3])
    expect(reuseEqual([1, 2, 3], [1, 2])).toEqual([1, 2])
    const a = { x: 1, y: 2 }
    const keys = Object.keys(reuseEqual(a, { y: 2, x: 1 }))
    expect(keys).toEqual(['y', 'x'])
    expect(reuseEqual({ x: 1 }, { x: 1, y: undefined })).toHaveProperty('y')
    const map = reuseEqual(new Map([['a', 1], ['b', 2]]), new Map([['b', 2], ['a', 1]]))
    expect([...map.keys()]).toEqual(['b', 'a'])
    expect(reuseEqual(new Map([['a', 1]]), new Map([['a', 2]])).get('a')).toBe(2)
  })

  it('compares anything but plain objects, arrays and maps by identity', () => {
    const set = new Set([1])
    expect(reuseEqual(new Set([1]), set)).toBe(set)
    expect(reuseEqual(Number.NaN, Number.NaN)).toBeNaN()
    expect(reuseEqual<unknown>({ a: 1 }, [1])).toEqual([1])
    expect(reuseEqual<unknown>(null, { a: 1 })).toEqual({ a: 1 })
  })

  it('never modifies its inputs', () => {
    const previous = { rows: [{ n: 1 }, { n: 2 }] }
    const next = { rows: [{ n: 1 }, { n: 3 }] }
    const before = JSON.stringify([previous, next])
    reuseEqual(previous, next)
    expect(JSON.stringify([previous, next])).toBe(before)
  })
})

describe('createSharer', () => {
  it('shares with what it was last given', () => {
    const share = createSharer<{ rows: Array<{ n: number }> }>()
    const first = share({ rows: [{ n: 1 }, { n: 2 }] })
    const second = share({ rows: [{ n: 1 }, { n: 3 }] })
    expect(second.rows[0]).toBe(first.rows[0])
    const third = share({ rows: [{ n: 1 }, { n: 3 }] })
    expect(third).toBe(second)
  })
})
