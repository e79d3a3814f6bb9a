// Findings from live filters read on request: decoded chains (fixtures dumped on the test host, and an
// allow-everything filter) attached to a container of the recorded varied host.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { HostSnapshot } from '../../../shared/model'
import { SECCOMP_RET } from '../../../shared/seccomp/actions'
import { BPF_CLASS, BPF_RVAL, parseSockFilter, stmt, type BpfInsn } from '../../../shared/seccomp/bpf-insn'
import { decodeChain } from '../../../shared/seccomp/decode-chain'
import type { ChainMatch } from '../../../shared/seccomp/report'
import { findingsFor } from '../../../shared/selectors/findings'
import { byName, loadVaried } from './fixture'

const fixture = (name: string): BpfInsn[] => parseSockFilter(new Uint8Array(readFileSync(join(import.meta.dirname, '../../fixtures/seccomp', name))))

function withLiveChain(match: ChainMatch, filters: BpfInsn[][] | null): { snapshot: HostSnapshot; kinds: () => string[] } {
  const snapshot = loadVaried()
  const container = byName(snapshot, 'batch')
  const fingerprint = filters === null ? 'none' : `fp-${match}`
  snapshot.seccompFilters = {
    readAt: '2026-12-07T00:00:00Z',
    requested: true,
    obstacle: null,
    totalStoppedMs: 0.1,
    containers: [{ containerId: container.id, name: container.name, fingerprint, sharesWith: [], reads: [{ pid: container.pid ?? 1, standsFor: [container.pid ?? 1], fingerprint, stoppedMs: 0.1 }] }],
    chains: [{ fingerprint, byteVariants: [], match, label: match, filterLengths: filters?.map((f) => f.length) ?? [], containers: [container.id], decoded: filters && decodeChain(filters), decodeMs: 1 }]
  }
  return { snapshot, kinds: () => findingsFor(snapshot, container).map((f) => f.kind).filter((k) => k.startsWith('seccomp')) }
}

describe('live seccomp findings', () => {
  it("Docker's default profile: nothing to report", () => {
    expect(withLiveChain('docker-default', [fixture('docker-default-20.10.bpf')]).kinds()).toEqual([])
  })
  it('a custom profile that allows mount, unshare… which the default blocks', () => {
    const { snapshot, kinds } = withLiveChain('custom', [fixture('custom-chmod-mkdir-reboot-20.10.bpf')])
    expect(kinds()).toEqual(['seccomp-allows-default-blocked'])
    const finding = findingsFor(snapshot, byName(snapshot, 'batch')).find((f) => f.kind === 'seccomp-allows-default-blocked')
    expect(finding?.severity).toBe('high')
    expect(finding?.why).toMatch(/Docker's default profile blocks: .*mount/)
  })
  it('a custom profile that allows everything is more permissive than the default', () => {
    expect(withLiveChain('custom', [[stmt(BPF_CLASS.RET | BPF_RVAL.K, SECCOMP_RET.ALLOW)]]).kinds()).toEqual(['seccomp-custom-more-permissive'])
  })
  it('no filter at all on a container declared with the default profile', () => {
    expect(withLiveChain('unconfined', null).kinds()).toContain('seccomp-live-unconfined')
  })
})
