// The path and query the dockerode-free reads send: what docker-modem's dial builds for the same call.
import { describe, expect, it } from 'vitest'
import { dialedPath } from '../../main/engine/lean-engine-reads'

describe('dialedPath', () => {
  it('leaves a path without "?" alone, whatever the options', () => {
    expect(dialedPath({ path: '/info', options: {} })).toBe('/info')
    expect(dialedPath({ path: '/images/sha256:ab/history', options: { all: true } })).toBe('/images/sha256:ab/history')
  })

  it('drops the trailing "?" when there are no options, as dial does', () => {
    expect(dialedPath({ path: '/containers/abc/json?', options: {} })).toBe('/containers/abc/json')
  })

  it('writes options as Node\'s querystring does, objects as JSON and arrays as repeated keys', () => {
    expect(dialedPath({ path: '/containers/json?', options: { all: true } })).toBe('/containers/json?all=true')
    expect(dialedPath({ path: '/containers/json?', options: { all: true, filters: { label: ['a=b c'] } } })).toBe(
      '/containers/json?all=true&filters=%7B%22label%22%3A%5B%22a%3Db%20c%22%5D%7D'
    )
    expect(dialedPath({ path: '/x?', options: { id: ['1', '2'] } })).toBe('/x?id=1&id=2')
  })
})
