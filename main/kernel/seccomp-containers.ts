// Reads the live seccomp chain of every running container, one process per group of processes that
// share a Seccomp line (mode and filter count in /proc/<pid>/status: a process that installed its own
// filter shows a higher count), fingerprints the chains and decodes each distinct chain once.
// The ptrace reads (seccomp-group-read.ts) run in this process as root, or in a short-lived helper
// container (seccomp-helper-read.ts); either way the report is assembled here from the raw bytes.
import { parseSockFilter } from '../../shared/seccomp/bpf-insn'
import { decodeChain } from '../../shared/seccomp/decode-chain'
import { nameChain } from '../../shared/seccomp/docker-default-naming'
import { READ_REASON_TEXT, type FilterReadReason } from '../../shared/seccomp/read-result'
import { KNOWN_DEFAULT_FILTERS, type ChainMatch, type ChainSummary, type ContainerFilters, type ProcessRead, type SeccompFiltersReport } from '../../shared/seccomp/report'
import type { HostSnapshot, ProcessInfo } from '../../shared/model'
import { behaviourFingerprint, fingerprintChain } from './seccomp-fingerprint'
import { readGroups, type GroupRead, type GroupReads } from './seccomp-group-read'
import type { SeccompReadOptions } from './seccomp-read'

export interface ContainerFiltersOptions extends SeccompReadOptions {
  /** Skip decoding (the benchmark times dump and decode apart). */
  decode?: boolean
}

type FiltersSnapshot = Pick<HostSnapshot, 'containers' | 'processes'>

/** Which processes of each running container are read: one per group with the same Seccomp line. */
export interface ContainerReadPlan {
  containerId: string
  name: string
  groups: number[][]
}

const LABELS: Record<ChainMatch, string> = {
  'docker-default': "Docker's default profile",
  'docker-default-variant': "Docker's default profile, rendered for changed capabilities",
  custom: 'custom profile',
  unconfined: 'unconfined (no filter)'
}

/** Reads in this process (root on the host). */
export function readContainerFilters(snapshot: FiltersSnapshot, options: ContainerFiltersOptions = {}): SeccompFiltersReport {
  const plans = planFilterReads(snapshot)
  return filtersReport(snapshot, plans, readGroups(groupsOfPlans(plans), options), options)
}

export function planFilterReads(snapshot: FiltersSnapshot): ContainerReadPlan[] {
  return snapshot.containers
    .filter((c) => c.pid !== null)
    .map((c) => ({ containerId: c.id, name: c.name, groups: groupsOf(c.pid as number, snapshot.processes.filter((p) => p.containerId === c.id)) }))
}

/** Every group of every plan, in order: what the reader is asked to read. */
export function groupsOfPlans(plans: readonly ContainerReadPlan[]): number[][] {
  return plans.flatMap((p) => p.groups)
}

/** Nothing could be read: the declared profile is all there is, and `text` says why. */
export function obstacleReport(plans: readonly ContainerReadPlan[], reason: FilterReadReason, text: string = READ_REASON_TEXT[reason]): SeccompFiltersReport {
  return {
    readAt: new Date().toISOString(),
    requested: true,
    obstacle: { reason, text },
    containers: plans.map((c) => ({ containerId: c.containerId, name: c.name, reads: [], fingerprint: null, sharesWith: [] })),
    chains: [],
    totalStoppedMs: 0
  }
}

/** The report from the reads of groupsOfPlans(plans), in that order. */
export function filtersReport(snapshot: FiltersSnapshot, plans: readonly ContainerReadPlan[], groupReads: GroupReads, options: { decode?: boolean } = {}): SeccompFiltersReport {
  if (groupReads.obstacle !== null) return obstacleReport(plans, groupReads.obstacle)
  const readAt = new Date().toISOString()
  const bytesByHash = new Map<string, Uint8Array[]>()
  let next = 0
  const containers: ContainerFilters[] = plans.map((plan) => {
    const reads = plan.groups.map(() => processRead(groupReads.reads[next++], bytesByHash))
    return { containerId: plan.containerId, name: plan.name, reads, fingerprint: null, sharesWith: [] }
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

/** One group's read as the report shows it; the chain's bytes are kept once per distinct hash. */
function processRead(read: GroupRead | undefined, bytesByHash: Map<string, Uint8Array[]>): ProcessRead {
  if (read === undefined) return { pid: 0, standsFor: [], fingerprint: null, stoppedMs: 0, reason: 'error', detail: 'the reader answered fewer reads than asked' }
  const { standsFor, result } = read
  if (!result.ok) return { pid: result.pid, standsFor, fingerprint: null, stoppedMs: result.stoppedMs, reason: result.reason, detail: result.detail }
  const bytesSha256 = fingerprintChain(result.filters)
  if (!bytesByHash.has(bytesSha256)) bytesByHash.set(bytesSha256, result.filters)
  // The behaviour fingerprint is filled in once the distinct chains are decoded.
  return { pid: result.pid, standsFor, fingerprint: null, bytesSha256, stoppedMs: result.stoppedMs, waitMs: result.waitMs }
}
