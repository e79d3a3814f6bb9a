// Reads the live seccomp chain of every running container, one process per group of processes that
// share a Seccomp line (mode and filter count in /proc/<pid>/status: a process that installed its own
// filter shows a higher count), fingerprints the chains and decodes each distinct chain once.
import { parseSockFilter } from '../../shared/seccomp/bpf-insn'
import { decodeChain } from '../../shared/seccomp/decode-chain'
import { nameChain } from '../../shared/seccomp/docker-default-naming'
import { READ_REASON_TEXT } from '../../shared/seccomp/read-result'
import { KNOWN_DEFAULT_FILTERS, type ChainMatch, type ChainSummary, type ContainerFilters, type ProcessRead, type SeccompFiltersReport } from '../../shared/seccomp/report'
import type { HostSnapshot, ProcessInfo } from '../../shared/model'
import { behaviourFingerprint, fingerprintChain } from './seccomp-fingerprint'
import { readSeccompFilters, readerObstacle, type SeccompReadOptions } from './seccomp-read'

export interface ContainerFiltersOptions extends SeccompReadOptions {
  /** Skip decoding (the benchmark times dump and decode apart). */
  decode?: boolean
}

const LABELS: Record<ChainMatch, string> = {
  'docker-default': "Docker's default profile",
  'docker-default-variant': "Docker's default profile, rendered for changed capabilities",
  custom: 'custom profile',
  unconfined: 'unconfined (no filter)'
}

export function readContainerFilters(snapshot: Pick<HostSnapshot, 'containers' | 'processes'>, options: ContainerFiltersOptions = {}): SeccompFiltersReport {
  const readAt = new Date().toISOString()
  const running = snapshot.containers.filter((c) => c.pid !== null)
  const obstacleReason = readerObstacle(options.procRoot)
  if (obstacleReason !== null) {
    return {
      readAt,
      requested: true,
      obstacle: { reason: obstacleReason, text: READ_REASON_TEXT[obstacleReason] },
      containers: running.map((c) => ({ containerId: c.id, name: c.name, reads: [], fingerprint: null, sharesWith: [] })),
      chains: [],
      totalStoppedMs: 0
    }
  }
  const bytesByHash = new Map<string, Uint8Array[]>()
  const containers: ContainerFilters[] = running.map((c) => {
    const reads = groupsOf(c.pid as number, snapshot.processes.filter((p) => p.containerId === c.id)).map((group) => readGroup(group, options, bytesByHash))
    return { containerId: c.id, name: c.name, reads, fingerprint: null, sharesWith: [] }
  })
  // Decode each distinct byte chain once; group byte variants by what they do.
  const variants = [...bytesByHash.entries()].map(([bytesSha256, filters]) => {
    const started = performance.now()
    const decoded = options.decode === false || filters.length === 0 ? null : decodeChain(filters.map((f) => parseSockFilter(f)))
    const decodeMs = performance.now() - started
    const fingerprint = filters.length === 0 ? 'none' : decoded === null ? bytesSha256 : behaviourFingerprint(decoded)
    return { bytesSha256, filters, decoded, decodeMs, fingerprint }
  })
  const behaviourOf = new Map(variants.map((v) => [v.bytesSha256, v.fingerprint]))
  for (const c of containers) {
    for (const r of c.reads) if (r.bytesSha256 !== undefined) r.fingerprint = behaviourOf.get(r.bytesSha256) ?? null
    c.fingerprint = c.reads.find((r) => r.fingerprint !== null)?.fingerprint ?? null
  }
  for (const c of containers) {
    c.sharesWith = containers.filter((o) => o !== c && o.fingerprint !== null && o.fingerprint === c.fingerprint).map((o) => o.name)
  }
  const chains: ChainSummary[] = []
  for (const v of variants) {
    const existing = chains.find((ch) => ch.fingerprint === v.fingerprint)
    if (existing) {
      existing.byteVariants.push(v.bytesSha256)
      existing.decodeMs += v.decodeMs
      continue
    }
    const holders = containers.filter((c) => c.fingerprint === v.fingerprint)
    const named = nameChain(matchOf(v.fingerprint, holders.map((h) => snapshot.containers.find((c) => c.id === h.containerId)?.declared?.seccomp)), v.decoded, holders[0]?.reads.find((r) => r.fingerprint === v.fingerprint)?.pid, snapshot)
    chains.push({
      ...(named.dockerDefault ? { dockerDefault: named.dockerDefault } : {}),
      fingerprint: v.fingerprint,
      byteVariants: [v.bytesSha256],
      match: named.match,
      label: named.label ?? LABELS[named.match],
      filterLengths: v.filters.map((f) => f.length / 8),
      containers: holders.map((h) => h.containerId),
      decoded: v.decoded,
      decodeMs: v.decodeMs
    })
  }
  const totalStoppedMs = containers.flatMap((c) => c.reads).reduce((sum, r) => sum + r.stoppedMs, 0)
  return { readAt, requested: true, obstacle: null, containers, chains, totalStoppedMs }
}

function matchOf(fingerprint: string, declared: (string | undefined)[]): ChainMatch {
  if (fingerprint === 'none') return 'unconfined'
  if (KNOWN_DEFAULT_FILTERS[fingerprint] !== undefined) return 'docker-default'
  return declared.includes('default') ? 'docker-default-variant' : 'custom'
}

/** Processes grouped by their Seccomp line, the init's group first and the init first in it. */
function groupsOf(initPid: number, processes: ProcessInfo[]): number[][] {
  const groups = new Map<string, number[]>()
  const init = processes.find((p) => p.pid === initPid)
  const ordered = init ? [init, ...processes.filter((p) => p !== init)] : processes
  for (const p of ordered) {
    if (p.state === 'Z') continue
    const key = `${p.seccomp.mode}/${p.seccomp.filters}`
    groups.set(key, [...(groups.get(key) ?? []), p.pid])
  }
  if (groups.size === 0) return [[initPid]]
  return [...groups.values()]
}

/** Read one process of the group; if it exits meanwhile, the next one (at most three tries). */
function readGroup(group: number[], options: SeccompReadOptions, bytesByHash: Map<string, Uint8Array[]>): ProcessRead {
  let last: ProcessRead | undefined
  for (const pid of group.slice(0, 3)) {
    const result = readSeccompFilters(pid, options)
    if (result.ok) {
      const bytesSha256 = fingerprintChain(result.filters)
      if (!bytesByHash.has(bytesSha256)) bytesByHash.set(bytesSha256, result.filters)
      // The behaviour fingerprint is filled in once the distinct chains are decoded.
      return { pid, standsFor: group, fingerprint: null, bytesSha256, stoppedMs: result.stoppedMs, waitMs: result.waitMs }
    }
    last = { pid, standsFor: group, fingerprint: null, stoppedMs: result.stoppedMs, reason: result.reason, detail: result.detail }
    if (result.reason !== 'exited') break
  }
  return last as ProcessRead
}
