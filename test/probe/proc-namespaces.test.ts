import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { NAMESPACE_TYPES } from '../../shared/model'
import { parseNamespaceLink, readNamespaces } from '../../main/probe/proc-namespaces'
import { V1_HOST } from './support/paths'

const HOST_NS = {
  cgroup: 4026531835,
  ipc: 4026531839,
  mnt: 4026531832,
  net: 4026531833,
  pid: 4026531836,
  time: 4026531834,
  user: 4026531837,
  uts: 4026531838
}

let scratch: string | null = null
afterEach(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true })
  scratch = null
})

/** A pid directory whose ns/ holds the given links (or plain files for non-link values). */
function pidDir(links: Record<string, string>, files: Record<string, string> = {}): string {
  scratch = mkdtempSync(join(tmpdir(), 'glasshouse-ns-'))
  mkdirSync(join(scratch, 'ns'))
  for (const [type, text] of Object.entries(links)) symlinkSync(text, join(scratch, 'ns', type))
  for (const [type, text] of Object.entries(files)) writeFileSync(join(scratch, 'ns', type), text)
  return scratch
}

describe('parseNamespaceLink', () => {
  it('takes the inode from type:[inode]', () => {
    expect(parseNamespaceLink('net', 'net:[4026531840]')).toBe(4026531840)
  })

  it.each([['mnt:[4026531840]'], ['net:4026531840'], ['net:[]'], ['net:[12x]'], ['']])('rejects %j for net', (text) => {
    expect(parseNamespaceLink('net', text)).toBeNull()
  })
})

describe('readNamespaces on captured processes', () => {
  it('reads the host namespaces of a kernel thread', () => {
    expect(readNamespaces(join(V1_HOST, '2'))).toEqual({ inodes: HOST_NS, problems: [] })
  })

  it('reads a default container: new mnt, uts, ipc, net, pid; host cgroup (v1 default), time and user', () => {
    const { inodes, problems } = readNamespaces(join(V1_HOST, '8495'))
    expect(problems).toEqual([])
    expect(inodes).toEqual({ ...HOST_NS, ipc: 4026532182, mnt: 4026532180, net: 4026532184, pid: 4026532183, uts: 4026532181 })
  })

  it('sees the nested pid namespace differ from its parent only in pid', () => {
    const parent = readNamespaces(join(V1_HOST, '8559')).inodes
    const nested = readNamespaces(join(V1_HOST, '8588')).inodes
    expect(nested.pid).toBe(4026532328)
    expect({ ...nested, pid: parent.pid }).toEqual(parent)
  })

  it('reads a zombie: pid and user still resolve, the six released ones are exited', () => {
    const { inodes, problems } = readNamespaces(join(V1_HOST, '8770'), { zombie: true })
    expect(inodes).toEqual({ cgroup: null, ipc: null, mnt: null, net: null, pid: HOST_NS.pid, time: null, user: HOST_NS.user, uts: null })
    expect(problems.map((p) => [p.field, p.reason])).toEqual(
      ['cgroup', 'ipc', 'mnt', 'net', 'time', 'uts'].map((t) => [`namespaces.${t}`, 'exited'])
    )
    expect(problems[0]?.message).toBe(`ENOENT reading ${join(V1_HOST, '8770', 'ns', 'cgroup')}`)
  })

  it('groups a pid with no ns links at all into one exited Problem', () => {
    const { inodes, problems } = readNamespaces(join(V1_HOST, '9001'))
    expect(Object.values(inodes)).toEqual(NAMESPACE_TYPES.map(() => null))
    expect(problems).toEqual([
      { field: 'namespaces', reason: 'exited', message: `ENOENT reading ${join(V1_HOST, '9001', 'ns', '*')} (all 8 types)` }
    ])
  })
})

describe('readNamespaces degrading', () => {
  it('reports types an older kernel lacks as missing, one Problem each', () => {
    const { time: _time, cgroup: _cgroup, ...older } = HOST_NS
    const dir = pidDir(Object.fromEntries(Object.entries(older).map(([t, ino]) => [t, `${t}:[${ino}]`])))
    const { inodes, problems } = readNamespaces(dir)
    expect(inodes).toEqual({ ...HOST_NS, time: null, cgroup: null })
    expect(problems.map((p) => [p.field, p.reason])).toEqual([
      ['namespaces.cgroup', 'missing'],
      ['namespaces.time', 'missing']
    ])
  })

  it('reports a link of the wrong shape as malformed and reads the others', () => {
    const links = Object.fromEntries(Object.entries(HOST_NS).map(([t, ino]) => [t, `${t}:[${ino}]`]))
    const dir = pidDir({ ...links, net: 'mnt:[4026531832]' })
    const { inodes, problems } = readNamespaces(dir)
    expect(inodes).toEqual({ ...HOST_NS, net: null })
    expect(problems).toEqual([
      { field: 'namespaces.net', reason: 'malformed', message: expect.stringContaining('"mnt:[4026531832]" is not net:[<inode>]') }
    ])
  })

  it('keeps one Problem per type when all fail for different reasons', () => {
    const links = Object.fromEntries(Object.keys(HOST_NS).filter((t) => t !== 'net').map((t) => [t, 'bogus']))
    const dir = pidDir(links, { net: 'not a link' })
    const { problems } = readNamespaces(dir)
    expect(problems).toHaveLength(8)
    expect(problems.find((p) => p.field === 'namespaces.net')?.message).toContain('EINVAL')
    expect(problems.filter((p) => p.reason === 'malformed')).toHaveLength(7)
  })
})
