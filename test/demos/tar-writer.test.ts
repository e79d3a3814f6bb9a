// The image's root filesystem is a tar we write ourselves: GNU tar must read it back, links and modes.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, readlinkSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, expect, it } from 'vitest'
import { tarArchive } from '../../main/demos/tar-writer'

const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

it('writes a tar that tar extracts: a directory, a file of 1000 bytes, a symlink', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gh-tar-'))
  dirs.push(dir)
  const data = Buffer.alloc(1000, 7)
  writeFileSync(join(dir, 'a.tar'), tarArchive([
    { type: 'dir', path: 'bin', mode: 0o755 },
    { type: 'dir', path: 'tmp', mode: 0o1777 },
    { type: 'file', path: 'bin/busybox', mode: 0o755, data },
    { type: 'symlink', path: 'bin/sh', target: 'busybox' }
  ]))
  execFileSync('mkdir', [join(dir, 'x')])
  execFileSync('tar', ['-x', '-p', '-f', join(dir, 'a.tar'), '-C', join(dir, 'x')])
  expect(readFileSync(join(dir, 'x/bin/busybox'))).toEqual(data)
  expect(statSync(join(dir, 'x/bin/busybox')).mode & 0o777).toBe(0o755)
  expect(statSync(join(dir, 'x/tmp')).mode & 0o7777).toBe(0o1777)
  expect(readlinkSync(join(dir, 'x/bin/sh'))).toBe('busybox')
})
