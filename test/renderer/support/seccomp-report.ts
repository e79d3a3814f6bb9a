// A live-filters report for the varied fixture host, built from the filters dumped on the test host:
// nested and web carry Docker's default profile, sidecar the custom one (chmod, mkdir → EPERM; reboot →
// KILL_PROCESS), debug-tools no filter.
import type { HostSnapshot } from '../../../shared/model'
import { parseSockFilter } from '../../../shared/seccomp/bpf-insn'
import { decodeChain } from '../../../shared/seccomp/decode-chain'
import type { ChainMatch, ChainSummary, SeccompFiltersReport } from '../../../shared/seccomp/report'

import filters from '../../fixtures/seccomp/filters-base64.json'

// The .bpf fixtures as base64 (the renderer tests run without node:fs types).
const fixture = (name: keyof typeof filters): ReturnType<typeof parseSockFilter> =>
  parseSockFilter(Uint8Array.from(atob(filters[name]), (c) => c.charCodeAt(0)))

// Decoding takes ~100 ms per filter: once per test file.
const decodedOnce = new Map<string, ReturnType<typeof decodeChain>>()
const decoded = (name: keyof typeof filters): ReturnType<typeof decodeChain> => {
  const cached = decodedOnce.get(name) ?? decodeChain([fixture(name)])
  decodedOnce.set(name, cached)
  return cached
}

export function seccompReport(snapshot: HostSnapshot): SeccompFiltersReport {
  const idOf = (name: string): string => snapshot.containers.find((c) => c.name === name)?.id ?? name
  const assignments: Record<string, { fingerprint: string; match: ChainMatch; label: string; file: keyof typeof filters | null }> = {
    nested: { fingerprint: 'default', match: 'docker-default', label: "Docker's default profile", file: 'docker-default-20.10.bpf' },
    web: { fingerprint: 'default', match: 'docker-default', label: "Docker's default profile", file: 'docker-default-20.10.bpf' },
    sidecar: { fingerprint: 'custom', match: 'custom', label: 'custom profile', file: 'custom-chmod-mkdir-reboot-20.10.bpf' },
    'debug-tools': { fingerprint: 'none', match: 'unconfined', label: 'unconfined (no filter)', file: null }
  }
  const chains = new Map<string, ChainSummary>()
  for (const [name, a] of Object.entries(assignments)) {
    const chain = chains.get(a.fingerprint) ?? {
      fingerprint: a.fingerprint,
      byteVariants: [],
      match: a.match,
      label: a.label,
      filterLengths: a.file ? [fixture(a.file).length] : [],
      containers: [],
      decoded: a.file ? decoded(a.file) : null,
      decodeMs: 1
    }
    chain.containers.push(idOf(name))
    chains.set(a.fingerprint, chain)
  }
  const containers = Object.entries(assignments).map(([name, a]) => {
    const pid = snapshot.containers.find((c) => c.name === name)?.pid ?? 1
    return {
      containerId: idOf(name),
      name,
      fingerprint: a.fingerprint,
      sharesWith: Object.entries(assignments).filter(([other, b]) => other !== name && b.fingerprint === a.fingerprint).map(([other]) => other),
      reads: [{ pid, standsFor: [pid], fingerprint: a.fingerprint, stoppedMs: 0.07 }]
    }
  })
  return { readAt: '2026-12-07T07:30:00Z', requested: true, obstacle: null, containers, chains: [...chains.values()], totalStoppedMs: 0.28 }
}
