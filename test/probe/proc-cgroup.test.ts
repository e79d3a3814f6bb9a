import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { CgroupMembership } from '../../shared/model'
import { cgroupPathOf, parseCgroupFile } from '../../main/probe/proc-cgroup'
import { V1_HOST } from './support/paths'

const CONTAINER = '/docker/8d168896fc75ee939c3b2f11b6b741d9439dc8a45cf1e8c293d40cab9eb0cf85'

function memberships(source: string): CgroupMembership[] {
  const result = parseCgroupFile(source)
  if (!result.ok) throw new Error(result.detail)
  return result.value
}

const fixture = (pid: number): CgroupMembership[] =>
  memberships(readFileSync(join(V1_HOST, String(pid), 'cgroup'), 'utf8'))

describe('parseCgroupFile', () => {
  it('reads every line of a container on the v1 hybrid host: v1 controllers, name=systemd and 0::', () => {
    const lines = fixture(8495)
    expect(lines).toHaveLength(10)
    expect(lines).toContainEqual({ hierarchyId: 4, controllers: ['memory'], path: CONTAINER })
    expect(lines).toContainEqual({ hierarchyId: 9, controllers: ['name=systemd'], path: CONTAINER })
    expect(lines).toContainEqual({ hierarchyId: 0, controllers: [], path: CONTAINER })
  })

  it('splits comounted controllers and keeps colons inside the path', () => {
    expect(memberships('3:cpu,cpuacct:/a\n1:name=systemd:/kubepods.slice/x:cri-containerd:y\n')).toEqual([
      { hierarchyId: 3, controllers: ['cpu', 'cpuacct'], path: '/a' },
      { hierarchyId: 1, controllers: ['name=systemd'], path: '/kubepods.slice/x:cri-containerd:y' }
    ])
  })

  it('reads an empty file as no memberships', () => {
    expect(parseCgroupFile('')).toEqual({ ok: true, value: [] })
  })

  it.each([['x:memory:/'], ['garbage'], ['4:memory'], ['4:memory:']])('reports %j as malformed, naming the line', (line) => {
    expect(parseCgroupFile(`0::/\n${line}\n`)).toEqual({ ok: false, detail: expect.stringContaining('line 2') })
  })
})

describe('cgroupPathOf', () => {
  it("gives a container's path", () => {
    expect(cgroupPathOf(fixture(8495))).toBe(CONTAINER)
  })

  it('prefers the v1 memory path: a host process here sits in the supervisor memory cgroup, not /', () => {
    expect(cgroupPathOf(fixture(8766))).toBe('/process_api/7922d4e4ace1c0edeeacc81c391890a5')
    expect(cgroupPathOf(fixture(2))).toBe('/')
  })

  it('falls back from memory to pids to the v2 line to the first line', () => {
    const pids = { hierarchyId: 8, controllers: ['pids'], path: '/p' }
    const v2 = { hierarchyId: 0, controllers: [], path: '/u' }
    const systemd = { hierarchyId: 9, controllers: ['name=systemd'], path: '/s' }
    const memory = { hierarchyId: 4, controllers: ['memory'], path: '/m' }
    expect(cgroupPathOf([v2, systemd, pids, memory])).toBe('/m')
    expect(cgroupPathOf([v2, systemd, pids])).toBe('/p')
    expect(cgroupPathOf([systemd, v2])).toBe('/u')
    expect(cgroupPathOf([systemd])).toBe('/s')
    expect(cgroupPathOf([])).toBeNull()
  })

  it('finds memory inside a comounted hierarchy', () => {
    expect(cgroupPathOf(memberships('0::/u\n5:memory,cpu:/m\n'))).toBe('/m')
  })
})
