// The text summary of a chain that is not a default says how it differs from the default it is compared with.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseSockFilter } from '../../shared/seccomp/bpf-insn'
import { decodeChain } from '../../shared/seccomp/decode-chain'
import { nameChain, type NamingSnapshot } from '../../shared/seccomp/docker-default-naming'
import { DOCKER_DEFAULT_CAPABILITIES } from '../../shared/seccomp/docker-profile-types'
import type { ChainSummary } from '../../shared/seccomp/report'
import { chainDigest } from '../../shared/seccomp/summary'

const decoded = (file: string) => decodeChain([parseSockFilter(new Uint8Array(readFileSync(join(import.meta.dirname, '../fixtures/seccomp', file))))])
const snapshot = { containers: [], processes: [{ pid: 9, capabilities: { bounding: [...DOCKER_DEFAULT_CAPABILITIES] } }], host: { kernel: '6.18.44' }, engine: { reachable: true, version: '24.0.7' } } as unknown as NamingSnapshot

function chain(file: string, match: ChainSummary['match'], label: string): ChainSummary {
  const d = decoded(file)
  const named = nameChain(match, d, 9, snapshot)
  return { fingerprint: file, byteVariants: [], match: named.match, label: named.label ?? label, filterLengths: d.filterLengths, containers: [], decoded: d, decodeMs: 0, ...(named.dockerDefault ? { dockerDefault: named.dockerDefault } : {}) }
}

describe('chainDigest', () => {
  it("a custom chain: its differences from the daemon release's default", () => {
    expect(chainDigest(chain('custom-chmod-mkdir-reboot-20.10.bpf', 'custom', 'custom profile'))).toMatch(
      /^custom profile \(1 filter, \d+ instructions\): x86_64 .*; against the default of Docker 23\.0\.7–23\.0\.9, 24\.0\.3–24\.x \(the daemon's release\): \d+ differences, \d+ allowed that it blocks$/
    )
  })
  it('a default chain: named by its releases, nothing to compare', () => {
    const digest = chainDigest(chain('docker-default-20.10.bpf', 'docker-default', "Docker's default profile"))
    expect(digest).toMatch(/^Docker's default profile \(Docker 20\.10\.18–20\.10\.21, 20\.10\.23–20\.10\.25\) \(1 filter, 974 instructions\)/)
    expect(digest).not.toContain('against the default')
  })
})
