import { describe, expect, it } from 'vitest'
import { DOCKER_DEFAULT_CAPS } from '../../shared/capabilities'
import { formatBytes, formatCores } from '../../shared/format'
import type { HostSnapshot } from '../../shared/model'
import { diffFromDockerDefault } from '../../shared/selectors/capability-diff'
import { namespaceSharing } from '../../shared/selectors/namespace-sharing'
import { HOST_NS, proc } from '../model/process-builder'

describe('diffFromDockerDefault', () => {
  it('is the default set for exactly the 14 defaults, in any order', () => {
    expect(diffFromDockerDefault([...DOCKER_DEFAULT_CAPS].reverse()).isDefault).toBe(true)
  })
  it('lists added and dropped capabilities', () => {
    const effective = [...DOCKER_DEFAULT_CAPS.filter((c) => c !== 'CAP_NET_RAW'), 'CAP_SYS_ADMIN']
    expect(diffFromDockerDefault(effective)).toEqual({ added: ['CAP_SYS_ADMIN'], dropped: ['CAP_NET_RAW'], isDefault: false, allDropped: false, defaultCount: 14 })
  })
})

describe('namespaceSharing', () => {
  const A = 'a'.repeat(64)
  const B = 'b'.repeat(64)
  const snapshot = {
    containers: [
      { id: A, pid: 10 },
      { id: B, pid: 20 }
    ],
    processes: [proc(10, { namespaces: { ...HOST_NS, net: 1, pid: 2 } }), proc(20, { namespaces: { ...HOST_NS, net: 1, pid: 3, user: null } })],
    namespaces: [
      { type: 'net', inode: 1, pids: [10, 20], isHost: false, containerIds: [A, B] },
      { type: 'pid', inode: 2, pids: [10], isHost: false, containerIds: [A] },
      { type: 'pid', inode: 3, pids: [20], isHost: false, containerIds: [B] },
      ...(['cgroup', 'ipc', 'mnt', 'time', 'user', 'uts'] as const).map((type) => ({
        type,
        inode: HOST_NS[type],
        pids: [10, 20],
        isHost: true,
        containerIds: [A, B]
      }))
    ]
  } as unknown as HostSnapshot

  it('tells own, host and shared namespaces apart', () => {
    const a = Object.fromEntries(namespaceSharing(snapshot, A).map((s) => [s.type, s]))
    expect(a.net).toMatchObject({ kind: 'shared', sharedWith: [B] })
    expect(a.pid).toMatchObject({ kind: 'own', sharedWith: [] })
    expect(a.uts).toMatchObject({ kind: 'host' })
  })

  it('says unknown when a namespace could not be read', () => {
    const b = Object.fromEntries(namespaceSharing(snapshot, B).map((s) => [s.type, s]))
    expect(b.user).toMatchObject({ kind: 'unknown', inode: null })
  })
})

describe('formatters', () => {
  it('formats bytes in binary units', () => {
    expect(formatBytes(67108864)).toBe('64 MiB')
    expect(formatBytes(1234567)).toBe('1.2 MiB')
    expect(formatBytes(512)).toBe('512 B')
  })
  it('formats cores', () => {
    expect(formatCores(0.5)).toBe('0.5 cores')
    expect(formatCores(1)).toBe('1 core')
    expect(formatCores(1.25)).toBe('1.25 cores')
  })
})
