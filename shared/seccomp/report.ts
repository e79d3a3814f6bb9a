// What `--seccomp-filters` / "Read live filters" adds to a snapshot: per container which process was read
// and which filter chain it carries, and each distinct chain decoded once (by fingerprint). Read only on
// explicit request: it stops each read process for well under a millisecond (ptrace) and needs root.
import type { FilterReadReason } from './read-result'
import type { ChainDecoding } from './verdict'

/** How a chain compares with what Docker ships. */
export type ChainMatch =
  /** Byte-identical to the default profile as this daemon renders it for the default capabilities. */
  | 'docker-default'
  /** Declared default, but rendered differently (added or dropped capabilities change the filter). */
  | 'docker-default-variant'
  | 'custom'
  | 'unconfined'

export interface ChainSummary {
  /**
   * sha256 of the decoded verdicts ('none' for no filter): chains that behave the same share it even when
   * their bytes differ (runc orders its per-architecture prologue differently from container to container).
   */
  fingerprint: string
  /** sha256 of each distinct byte chain seen with this behaviour (each decoded once). */
  byteVariants: string[]
  match: ChainMatch
  /** "Docker's default profile", "custom profile", "unconfined". */
  label: string
  filterLengths: number[]
  /** Ids of the containers whose read process carries this chain. */
  containers: string[]
  decoded: ChainDecoding | null
  decodeMs: number
  /**
   * Docker's default profile as a release renders it for this chain's container (its capabilities, the
   * kernel, the host architecture): the one the chain equals, else the one to compare it with.
   */
  dockerDefault?: ChainDefault
}

export interface ChainDefault {
  /** The chain's verdicts equal this default's on the native ABI. */
  matched: boolean
  /** "Docker 28.2.0–29.4.1": the releases whose default gives these verdicts. */
  label: string
  versions: string[]
  /** Why this default: the chain is it, the daemon runs it, or it differs least. */
  why: 'matched' | 'daemon' | 'nearest'
  abi: 'x86_64' | 'x32' | 'i386' | 'aarch64'
  /** Name → verdictKey on that ABI. */
  table: Record<string, string>
  /** The match needed a libseccomp that knows calls up to this number only (an older runtime). */
  syscallHorizon?: number
}

export interface ProcessRead {
  pid: number
  /** The processes this read stands for: same Seccomp mode and filter count in /proc/<pid>/status. */
  standsFor: number[]
  /** Behaviour fingerprint of the chain read (see ChainSummary.fingerprint). */
  fingerprint: string | null
  /** sha256 of the chain's bytes. */
  bytesSha256?: string
  stoppedMs: number
  /** Interrupt to stop: the process was still running, waiting to be scheduled into its stop. */
  waitMs?: number
  reason?: FilterReadReason
  detail?: string
}

export interface ContainerFilters {
  containerId: string
  name: string
  /** One read per group of processes with the same Seccomp line; the first is the container's init when it can be read. */
  reads: ProcessRead[]
  /** The chain of the first successful read (normally the init's). */
  fingerprint: string | null
  /** Other containers carrying the same chain (names). */
  sharesWith: string[]
}

export interface SeccompFiltersReport {
  readAt: string
  /** Always on request: never part of a default snapshot. */
  requested: true
  /** Set when nothing could be read at all: the declared profile is all there is. */
  obstacle: { reason: FilterReadReason; text: string } | null
  containers: ContainerFilters[]
  chains: ChainSummary[]
  /** Sum of every process's stop time, ms. */
  totalStoppedMs: number
}

/**
 * Behaviour fingerprints of Docker's default profile as rendered for the default capabilities: from the
 * filters dumped on the test host (test/fixtures/seccomp/docker-default-20.10*.bpf, Docker 20.10.24, runc
 * 1.1.5, x86_64). Another Docker version renders other verdicts; with a declared default profile an unknown
 * fingerprint reads as a variant of the default, not as custom.
 */
export const KNOWN_DEFAULT_FILTERS: Record<string, string> = {
  '75ced66a412acd3b53860ae7ce7a6c93fd6636d2b2abd04e0e2e0705184a9314': 'Docker 20.10 default profile (x86_64, default capabilities)'
}
