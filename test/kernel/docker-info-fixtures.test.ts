// Which kernel a daemon runs on, and what `--probe auto` picks, from `docker info` answers as each kind
// of daemon gives them (test/fixtures/docker-info/: this host's real answer, recorded; Docker Desktop on
// macOS, Linux and Windows, a rootless daemon and a remote tcp daemon). Each fixture names the client
// machine the answer was seen from, so the test does not depend on the machine it runs on.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { chooseProbe, kernelPlace, otherKernelReason, type EngineFacts, type ThisMachine } from '../../main/kernel/helper-same-kernel'

interface Fixture {
  endpoint: string
  client: ThisMachine & { uid: number }
  info: EngineFacts['info']
}

function fixture(name: string): { facts: EngineFacts; client: Fixture['client'] } {
  const f = JSON.parse(readFileSync(`test/fixtures/docker-info/${name}.json`, 'utf8')) as Fixture
  return { facts: { host: f.endpoint, info: f.info }, client: f.client }
}

describe('docker info answers', () => {
  it.each([
    ['docker-desktop-macos', 'Docker Desktop VM, kernel 6.10.14-linuxkit'],
    ['docker-desktop-linux', 'Docker Desktop VM, kernel 6.10.14-linuxkit'],
    ['docker-desktop-wsl2', "Docker Desktop's WSL 2 VM, kernel 5.15.167.4-microsoft-standard-WSL2"]
  ])('%s: Docker Desktop, read by a helper even for root on a local socket', (name, place) => {
    const { facts, client } = fixture(name)
    expect(chooseProbe(facts, 0, client)).toEqual({ probe: 'helper', reason: 'the daemon is Docker Desktop, which runs its containers in a VM' })
    expect(kernelPlace(facts, client)).toBe(place)
  })

  it('a rootless daemon runs on this kernel: local for root, a helper for its user', () => {
    const { facts, client } = fixture('rootless-same-host')
    expect(otherKernelReason(facts, client)).toBeNull()
    expect(chooseProbe(facts, client.uid, client)).toEqual({ probe: 'helper', reason: 'this process runs as uid 1000, not root' })
    expect(chooseProbe(facts, 0, client).probe).toBe('local')
    expect(kernelPlace(facts, client)).toBe('this host (rootless daemon), kernel 6.8.0-49-generic')
  })

  it('a remote tcp daemon is another kernel, named with its address', () => {
    const { facts, client } = fixture('remote-tcp')
    expect(chooseProbe(facts, 0, client)).toEqual({ probe: 'helper', reason: 'the daemon is reached at tcp://10.0.0.5:2376, not through a local socket' })
    expect(kernelPlace(facts, client)).toBe('host "build-01" at tcp://10.0.0.5:2376, kernel 5.15.0-125-generic')
  })

  it("this host's recorded answer: local for root, a helper otherwise, and another kernel seen from elsewhere", () => {
    const { facts, client } = fixture('this-host-debian-20.10')
    expect(chooseProbe(facts, 0, client)).toEqual({ probe: 'local', reason: 'root on the kernel that runs the containers' })
    expect(chooseProbe(facts, 1000, client).probe).toBe('helper')
    expect(kernelPlace(facts, client)).toBe('this host, kernel 6.18.44-fc-v1300')
    const laptop = fixture('rootless-same-host').client
    expect(otherKernelReason(facts, laptop)).toBe('the daemon runs on host "vm", this is "ada-laptop"')
    expect(otherKernelReason(facts, { ...client, platform: 'darwin' })).toBe('the daemon runs linux containers, this is darwin')
    expect(otherKernelReason(facts, { ...client, release: '6.1.0-27-amd64' })).toBe("the daemon's kernel is 6.18.44-fc-v1300, this one is 6.1.0-27-amd64")
  })
})
