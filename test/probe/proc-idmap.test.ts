import { spawn } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { parseIdMap, readIdMaps } from '../../main/probe/proc-idmap'
import { idOutside, isIdentityMap } from '../../shared/selectors/id-maps'

describe('uid/gid maps', () => {
  it('parses whitespace-padded lines', () => {
    expect(parseIdMap('         0          0 4294967295\n')).toEqual([{ inside: 0, outside: 0, count: 4294967295 }])
    expect(parseIdMap('0 100000 65536\n65536 1000 1\n')).toEqual([
      { inside: 0, outside: 100000, count: 65536 },
      { inside: 65536, outside: 1000, count: 1 }
    ])
    expect(parseIdMap('0 x 1\n')).toBeNull()
  })

  it('translates ids as the kernel does; unmapped ids have no outside id', () => {
    const remapped = [{ inside: 0, outside: 100000, count: 65536 }]
    expect(idOutside(0, remapped)).toBe(100000)
    expect(idOutside(1000, remapped)).toBe(101000)
    expect(idOutside(70000, remapped)).toBeNull()
    expect(isIdentityMap([{ inside: 0, outside: 0, count: 4294967295 }])).toBe(true)
    expect(isIdentityMap(remapped)).toBe(false)
  })

  it('reads the identity map of the host and a real user namespace made by unshare -Ur', async () => {
    expect(readIdMaps('/proc', process.pid).idMaps?.uid).toEqual([{ inside: 0, outside: 0, count: 4294967295 }])
    const child = spawn('unshare', ['--user', '--map-root-user', 'sleep', '30'], { stdio: 'ignore' })
    try {
      // unshare execs sleep once the map is written.
      let maps = readIdMaps('/proc', child.pid as number).idMaps
      for (let i = 0; i < 50 && maps?.uid[0]?.count !== 1; i++) {
        await new Promise((r) => setTimeout(r, 20))
        maps = readIdMaps('/proc', child.pid as number).idMaps
      }
      expect(maps?.uid).toEqual([{ inside: 0, outside: process.getuid?.() ?? 0, count: 1 }])
    } finally {
      child.kill()
    }
  })
})
