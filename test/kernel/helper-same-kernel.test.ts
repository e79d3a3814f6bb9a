// Whether the daemon runs on this kernel, and what `--probe auto` picks, from docker info answers:
// this host's real answer (asked by the test through `docker info` is the integration suite's job;
// here the answers are written out as the daemon gives them, with this host's own name and kernel).
import { hostname, release } from 'node:os'
import { describe, expect, it } from 'vitest'
import { chooseProbe, isLocalEndpoint, otherKernelReason } from '../../main/kernel/helper-same-kernel'

const thisHost = { Name: hostname(), KernelVersion: release(), OperatingSystem: 'Debian GNU/Linux 12 (bookworm)' }
// Docker Desktop's answer on Linux: the daemon runs in its VM (fields as Docker Desktop 4.x reports them).
const desktop = { Name: 'docker-desktop', KernelVersion: '6.10.14-linuxkit', OperatingSystem: 'Docker Desktop' }
const socket = 'unix:///var/run/docker.sock'

describe('same kernel', () => {
  it('is the daemon on this host through its socket', () => {
    expect(otherKernelReason({ host: socket, info: thisHost })).toBeNull()
  })

  it('is not Docker Desktop, even when its socket is local', () => {
    expect(otherKernelReason({ host: 'unix:///home/u/.docker/desktop/docker.sock', info: desktop })).toMatch(/Docker Desktop/)
  })

  it('is not a daemon reached over the network, nor one naming another host or kernel', () => {
    expect(otherKernelReason({ host: 'tcp://10.0.0.5:2376', info: thisHost })).toMatch(/not through a local socket/)
    expect(otherKernelReason({ host: 'ssh://u@box', info: thisHost })).toMatch(/not through a local socket/)
    expect(otherKernelReason({ host: socket, info: { ...thisHost, Name: 'elsewhere' } })).toMatch(/host "elsewhere"/)
    expect(otherKernelReason({ host: socket, info: { ...thisHost, KernelVersion: '5.10.0' } })).toMatch(/kernel is 5.10.0/)
  })

  it('takes loopback tcp as local', () => {
    expect(isLocalEndpoint('tcp://127.0.0.1:2375')).toBe(true)
    expect(isLocalEndpoint('tcp://localhost:2375')).toBe(true)
    expect(isLocalEndpoint('tcp://[::1]:2375')).toBe(true)
    expect(isLocalEndpoint('tcp://127.0.0.1.example.com:2375')).toBe(false)
  })
})

describe('--probe auto', () => {
  it('is local for root on the same kernel, a helper for anyone else', () => {
    expect(chooseProbe({ host: socket, info: thisHost }, 0).probe).toBe('local')
    expect(chooseProbe({ host: socket, info: thisHost }, 1000)).toEqual({ probe: 'helper', reason: 'this process runs as uid 1000, not root' })
  })

  it('is a helper for root too when the daemon is on another kernel', () => {
    expect(chooseProbe({ host: socket, info: desktop }, 0).probe).toBe('helper')
  })
})
