import { describe, expect, it } from 'vitest'
import { containerIdFromCgroupPath, isInCgroup } from '../../main/model/container-cgroups'

const ID = '0123456789abcdef'.repeat(4)

describe('containerIdFromCgroupPath', () => {
  it.each([
    [`/docker/${ID}`, ID],
    [`/system.slice/docker-${ID}.scope`, ID],
    [`/user.slice/user-1000.slice/user@1000.service/docker.service/docker-${ID}.scope`, ID],
    [`/kubepods/besteffort/pod1/cri-containerd-${ID}.scope`, ID],
    [`/docker/${ID}/nested/cgroup`, ID],
    ['/system.slice/ssh.service', null],
    ['/', null],
    [`/docker/${ID.slice(1)}`, null]
  ])('%s → %s', (path, expected) => {
    expect(containerIdFromCgroupPath(path)).toBe(expected)
  })
})

describe('isInCgroup', () => {
  it('matches the cgroup and its descendants, not siblings with a common prefix', () => {
    expect(isInCgroup('/docker/abc', '/docker/abc')).toBe(true)
    expect(isInCgroup('/docker/abc/x', '/docker/abc')).toBe(true)
    expect(isInCgroup('/docker/abcd', '/docker/abc')).toBe(false)
    expect(isInCgroup(null, '/docker/abc')).toBe(false)
  })

  it('never treats the root cgroup as a container', () => {
    expect(isInCgroup('/anything', '/')).toBe(false)
  })
})
