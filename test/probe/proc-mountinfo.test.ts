import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { mountKind, parseMountinfo, readMounts, unescapeMountPath } from '../../main/probe/proc-mountinfo'

const fixture = (name: string): string => readFileSync(new URL(`../fixtures/mountinfo/${name}`, import.meta.url), 'utf8')

function mounts(name: string) {
  const parsed = parseMountinfo(fixture(name))
  if (!parsed.ok) throw new Error(parsed.detail)
  return parsed.value
}

describe('mountinfo of real containers', () => {
  it('shows a swarm secret as a read-only tmpfs file under /run/secrets (docker inspect lists no mount)', () => {
    const secret = mounts('swarm-secret.txt').find((m) => m.kind === 'secret')
    expect(secret).toEqual({ mountPoint: '/run/secrets/ghtest_pw', fsType: 'tmpfs', source: 'tmpfs', root: '/zrb005mchmdm4lm9p92g27moy', readOnly: true, kind: 'secret', propagation: 'slave', sizeBytes: null })
  })

  it('classifies the mounts of --read-only with binds, a tmpfs and the Docker socket', () => {
    const list = mounts('binds-readonly.txt')
    const at = (point: string) => list.find((m) => m.mountPoint === point)
    expect(at('/')).toMatchObject({ kind: 'root', fsType: 'overlay', readOnly: true })
    expect(at('/var/run/docker.sock')).toMatchObject({ kind: 'bind', root: '/run/docker.sock', readOnly: false })
    // A space in the path is escaped as \040 by the kernel.
    expect(at('/host tmp')).toMatchObject({ kind: 'bind', root: '/tmp', readOnly: true })
    expect(at('/scratch')).toMatchObject({ kind: 'tmpfs', readOnly: false })
    expect(at('/etc/hosts')).toMatchObject({ kind: 'docker-managed', readOnly: true })
    expect(at('/proc/keys')).toMatchObject({ kind: 'masked', root: '/null' })
    expect(at('/proc/acpi')?.kind).toBe('masked')
    expect(at('/sys/firmware')?.kind).toBe('masked')
    expect(at('/proc/sys')).toMatchObject({ kind: 'system', readOnly: true })
    expect(at('/sys/fs/cgroup/memory')?.kind).toBe('system')
    expect(at('/dev/shm')?.kind).toBe('system')
    expect(list).toHaveLength(31)
  })

  it('recognises named volumes by their _data directory', () => {
    expect(mountKind('/data', 'ext4', '/var/lib/docker/volumes/pgdata/_data')).toBe('volume')
  })
})

describe('parsing', () => {
  it('unescapes octal sequences', () => {
    expect(unescapeMountPath('/a\\040b\\011c\\134d')).toBe('/a b\tc\\d')
  })

  it('keeps optional fields out of the way', () => {
    const parsed = parseMountinfo('36 35 98:0 /mnt1 /mnt2 rw,noatime master:1 shared:2 - ext3 /dev/root rw,errors=continue\n')
    expect(parsed).toEqual({ ok: true, value: [{ mountPoint: '/mnt2', fsType: 'ext3', source: '/dev/root', root: '/mnt1', readOnly: false, kind: 'bind', propagation: 'shared', sizeBytes: null }] })
  })

  it('reads propagation from the optional fields and a tmpfs size from the super options', () => {
    const parsed = parseMountinfo(
      ['90 88 0:47 / /dev rw,nosuid - tmpfs tmpfs rw,size=65536k,mode=755', '91 88 0:48 / /scratch rw master:3 - tmpfs tmpfs rw,size=2m', '92 88 254:0 /srv /srv rw - ext4 /dev/vda rw'].join('\n')
    )
    expect(parsed.ok && parsed.value.map((m) => [m.mountPoint, m.propagation, m.sizeBytes])).toEqual([
      ['/dev', 'private', 65536 * 1024],
      ['/scratch', 'slave', 2 * 1024 * 1024],
      ['/srv', 'private', null]
    ])
  })

  it('reports a malformed line', () => {
    expect(parseMountinfo('1 2 3:4 / / rw\n')).toEqual({ ok: false, detail: 'line 1 has no "- fstype source" part' })
  })
})

describe('readMounts on the real /proc', () => {
  it('reads this process and reports a vanished one as exited', () => {
    const mine = readMounts('/proc', process.pid)
    expect(mine.mounts?.some((m) => m.mountPoint === '/')).toBe(true)
    expect(readMounts('/proc', 2 ** 22 + 7).problem).toMatchObject({ field: 'mounts', reason: 'exited' })
  })
})
