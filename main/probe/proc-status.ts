// Parses the text of /proc/<pid>/status (kernel-facts §1.1). Keys are looked up by name, never by
// line number: the field set grows with every kernel release.
import { decodeCapabilityMask } from '../../shared/capabilities'
import type { CapabilitySetName, CapabilitySets, SeccompMode } from '../../shared/model'

export interface ProcStatus {
  /** The comm, unescaped. */
  name: string
  /** First letter of State: R, S, D, Z, T, I … */
  state: string
  ppid: number
  /** Effective uid: the second of the four Uid numbers. */
  uid: number
  /** Outermost first; null on kernels that predate the NSpid line (before 4.1). */
  nspid: number[] | null
  capabilities: CapabilitySets
  /** null on kernels that predate the NoNewPrivs line. */
  noNewPrivs: boolean | null
  /** filters is null on kernels that predate the Seccomp_filters line. */
  seccomp: { mode: SeccompMode; filters: number | null }
}

/** On failure, `field` is the status key that was missing or did not parse. */
export type StatusParse = { ok: true; value: ProcStatus } | { ok: false; field: string; detail: string }

const CAP_KEYS: ReadonlyArray<[CapabilitySetName, string]> = [
  ['inheritable', 'CapInh'],
  ['permitted', 'CapPrm'],
  ['effective', 'CapEff'],
  ['bounding', 'CapBnd'],
  ['ambient', 'CapAmb']
]

const SECCOMP_MODES: Record<string, SeccompMode> = { '0': 'disabled', '1': 'strict', '2': 'filter' }

const DECIMAL = /^\d+$/

class FieldError extends Error {
  constructor(
    readonly field: string,
    detail: string
  ) {
    super(detail)
  }
}

export function parseStatus(text: string): StatusParse {
  const fields = splitFields(text)
  try {
    return {
      ok: true,
      value: {
        name: unescapeName(required(fields, 'Name')),
        state: parseState(required(fields, 'State')),
        ppid: decimal('PPid', required(fields, 'PPid')),
        uid: effectiveUid(required(fields, 'Uid')),
        nspid: optional(fields, 'NSpid', parseNspid),
        capabilities: parseCapabilities(fields),
        noNewPrivs: optional(fields, 'NoNewPrivs', (v) => flag('NoNewPrivs', v)),
        seccomp: {
          // Without CONFIG_SECCOMP the line is absent, and then nothing can be filtered.
          mode: optional(fields, 'Seccomp', parseSeccompMode) ?? 'disabled',
          filters: optional(fields, 'Seccomp_filters', (v) => decimal('Seccomp_filters', v))
        }
      }
    }
  } catch (error) {
    if (error instanceof FieldError) return { ok: false, field: error.field, detail: error.message }
    throw error
  }
}

/** The keys parseStatus looks at; the other ~45 lines of a status file are skipped unsliced. */
const WANTED_KEYS = new Set(['Name', 'State', 'PPid', 'Uid', 'NSpid', 'NoNewPrivs', 'Seccomp', 'Seccomp_filters', ...CAP_KEYS.map(([, key]) => key)])

/**
 * Key → raw value (text after the first ':') of the wanted keys. The first line with a key wins: nothing later
 * can override it. One pass with indexOf: splitting every line cost a third of a cold /proc scan's parsing.
 */
function splitFields(text: string): Map<string, string> {
  const fields = new Map<string, string>()
  for (let start = 0; start < text.length; ) {
    let end = text.indexOf('\n', start)
    if (end < 0) end = text.length
    const colon = text.indexOf(':', start)
    if (colon > start && colon < end) {
      const key = text.slice(start, colon)
      if (WANTED_KEYS.has(key) && !fields.has(key)) fields.set(key, text.slice(colon + 1, end))
    }
    start = end + 1
  }
  return fields
}

function required(fields: Map<string, string>, key: string): string {
  const raw = fields.get(key)
  if (raw === undefined) throw new FieldError(key, `no ${key} line`)
  return raw
}

function optional<T>(fields: Map<string, string>, key: string, parse: (value: string) => T): T | null {
  const raw = fields.get(key)
  return raw === undefined ? null : parse(raw.trim())
}

// The kernel prints comm after one tab and escapes only '\n' and '\' (fs/proc/array.c proc_task_name);
// spaces are kept, so only the separating tab is removed, not trailing blanks.
function unescapeName(raw: string): string {
  const value = raw.startsWith('\t') ? raw.slice(1) : raw.trimStart()
  if (!value.includes('\\')) return value
  return value.replace(/\\(n|\\)/g, (_match, c: string) => (c === 'n' ? '\n' : '\\'))
}

function parseState(raw: string): string {
  const letter = raw.trim().charAt(0)
  if (!/^[A-Za-z]$/.test(letter)) {
    throw new FieldError('State', `State is not a state letter: ${JSON.stringify(raw.trim())}`)
  }
  return letter
}

function decimal(key: string, raw: string): number {
  const text = raw.trim()
  const value = Number(text)
  if (!DECIMAL.test(text) || !Number.isSafeInteger(value)) {
    throw new FieldError(key, `${key} is not a decimal number: ${JSON.stringify(text)}`)
  }
  return value
}

function effectiveUid(raw: string): number {
  // real, effective, saved, filesystem
  const ids = raw.trim().split(/\s+/)
  if (ids.length < 2) throw new FieldError('Uid', `Uid has ${ids.length} of 4 numbers: ${JSON.stringify(raw.trim())}`)
  return decimal('Uid', ids[1] ?? '')
}

function parseNspid(value: string): number[] {
  if (value === '') throw new FieldError('NSpid', 'NSpid is empty')
  return value.split(/\s+/).map((pid) => decimal('NSpid', pid))
}

function parseCapabilities(fields: Map<string, string>): CapabilitySets {
  const sets = {} as CapabilitySets
  for (const [set, key] of CAP_KEYS) {
    // CapAmb arrived in 4.3; a kernel without it has no ambient capabilities at all.
    const raw = key === 'CapAmb' ? (fields.get(key) ?? '0') : required(fields, key)
    const names = decodedMask(raw)
    if (names === null) throw new FieldError(key, `${key} is not a hex capability mask: ${JSON.stringify(raw.trim())}`)
    sets[set] = names
  }
  return sets
}

// A host has a handful of distinct masks (a container's processes share theirs, every process has the same
// bounding set), read five times per process: each is decoded once per process lifetime. The decoded lists
// are shared between processes, so nobody may change them in place (frozen, so a change would throw).
const MASK_CACHE_LIMIT = 4096
const decodedMasks = new Map<string, readonly string[] | null>()

function decodedMask(raw: string): string[] | null {
  let names = decodedMasks.get(raw)
  if (names === undefined) {
    const decoded = decodeCapabilityMask(raw)
    names = decoded === null ? null : Object.freeze(decoded)
    // Bounded: a long-running watch over a host with churning masks must not grow without end.
    if (decodedMasks.size >= MASK_CACHE_LIMIT) decodedMasks.clear()
    decodedMasks.set(raw, names)
  }
  return names as string[] | null
}

function flag(key: string, value: string): boolean {
  if (value !== '0' && value !== '1') throw new FieldError(key, `${key} is not 0 or 1: ${JSON.stringify(value)}`)
  return value === '1'
}

function parseSeccompMode(value: string): SeccompMode {
  const mode = SECCOMP_MODES[value]
  if (mode === undefined) throw new FieldError('Seccomp', `Seccomp is not 0, 1 or 2: ${JSON.stringify(value)}`)
  return mode
}
