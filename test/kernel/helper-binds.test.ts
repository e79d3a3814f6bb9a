// The binds of the helper's empty image, from this host's real Node executable and ldd.
import { existsSync, realpathSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { helperBinds, libraryBinds, parseLdd } from '../../main/kernel/helper-binds'

describe('ldd output', () => {
  it('gives the paths the loader asks for, with and without "=>", skipping the vdso', () => {
    const listing = [
      '\tlinux-vdso.so.1 (0x00007ffd)',
      '\tlibc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x00007f12)',
      '\t/lib64/ld-linux-x86-64.so.2 (0x00007f34)'
    ].join('\n')
    expect(parseLdd(listing)).toEqual(['/lib/x86_64-linux-gnu/libc.so.6', '/lib64/ld-linux-x86-64.so.2'])
  })
})

describe('binds of the running Node', () => {
  it('binds each library from its real file to the path ldd names, and the loader among them', () => {
    const binds = libraryBinds(process.execPath)
    expect(binds.length).toBeGreaterThan(0)
    for (const bind of binds) {
      expect(existsSync(bind.target)).toBe(true)
      expect(bind.source).toBe(realpathSync(bind.target))
    }
    expect(binds.some((b) => b.target.includes('ld-linux'))).toBe(true)
  })

  it('binds Node at its own path, the helper folder at /glasshouse and the cgroup tree', () => {
    const binds = helperBinds({ executable: process.execPath, helperScript: __filename })
    expect(binds[0]).toEqual({ source: realpathSync(process.execPath), target: process.execPath })
    expect(binds).toContainEqual({ source: __dirname, target: '/glasshouse' })
    expect(binds.at(-1)).toEqual({ source: '/sys/fs/cgroup', target: '/sys/fs/cgroup' })
  })

  it('binds only the cgroup tree for an image with its own Node whose probe comes on stdin', () => {
    expect(helperBinds({ executable: null, helperScript: null })).toEqual([{ source: '/sys/fs/cgroup', target: '/sys/fs/cgroup' }])
  })
})
