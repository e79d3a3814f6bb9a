// Conditions of one path as short text: "args[0] & 0x7e020000 != 0 (CLONE_NEWNS|…)". A 64-bit argument is
// checked by libseccomp as two 32-bit halves; when the high half must be 0 the pair reads as one condition.
import { FULL, type FieldTest, type OpaqueTest } from './sym-tests'
import { describeOffset } from './seccomp-data'

const CLONE_NS_FLAGS: [number, string][] = [
  [0x00000080, 'CLONE_NEWTIME'], [0x00020000, 'CLONE_NEWNS'], [0x02000000, 'CLONE_NEWCGROUP'], [0x04000000, 'CLONE_NEWUTS'],
  [0x08000000, 'CLONE_NEWIPC'], [0x10000000, 'CLONE_NEWUSER'], [0x20000000, 'CLONE_NEWPID'], [0x40000000, 'CLONE_NEWNET']
]

/** Argument names where a name helps a reader (first argument unless said). */
const ARG_NAMES: Record<string, Record<number, string>> = {
  clone: { 0: 'flags' },
  unshare: { 0: 'flags' },
  personality: { 0: 'persona' },
  socket: { 0: 'domain', 1: 'type', 2: 'protocol' },
  ioctl: { 1: 'request' },
  prctl: { 0: 'option' },
  setns: { 1: 'nstype' },
  clone3: { 1: 'size' }
}

const hex = (n: number): string => `0x${(n >>> 0).toString(16)}`

function flagNames(syscall: string, mask: number): string {
  if (syscall !== 'clone' && syscall !== 'unshare') return ''
  const names = CLONE_NS_FLAGS.filter(([bit]) => (mask & bit) !== 0).map(([, name]) => name)
  return names.length > 0 ? ` (${names.join('|')})` : ''
}

function argLabel(syscall: string, offset: number, merged: boolean): string {
  const base = describeOffset(offset)
  const arg = Math.floor((offset - 16) / 8)
  const name = offset >= 16 ? ARG_NAMES[syscall]?.[arg] : undefined
  const label = merged ? base.replace(/\.hi$/, '') : base
  return name !== undefined ? `${name} ${label}` : label
}

function formatTest(t: FieldTest, syscall: string, merged: boolean): string {
  const subject = t.mask === FULL ? argLabel(syscall, t.offset, merged) : `${argLabel(syscall, t.offset, merged)} & ${hex(t.mask)}`
  const flags = flagNames(syscall, t.op === 'set' ? t.value & t.mask : t.mask)
  switch (t.op) {
    case 'eq': return `${subject} ${t.holds ? '==' : '!='} ${hex(t.value)}${flags}`
    case 'gt': return `${subject} ${t.holds ? '>' : '<='} ${hex(t.value)}`
    case 'ge': return `${subject} ${t.holds ? '>=' : '<'} ${hex(t.value)}`
    case 'lt': return `${subject} ${t.holds ? '<' : '>='} ${hex(t.value)}`
    case 'le': return `${subject} ${t.holds ? '<=' : '>'} ${hex(t.value)}`
    case 'set': return `${subject} & ${hex(t.value)} ${t.holds ? '!= 0' : '== 0'}${flags}`
  }
}

/** The high half of an argument is pinned to 0 by this test alone. */
const pinsHighToZero = (t: FieldTest): boolean => t.op === 'eq' && t.holds && t.mask === FULL && t.value === 0

export function formatConditions(syscall: string, tests: readonly FieldTest[], opaque: readonly OpaqueTest[]): string[] {
  const byOffset = new Map<number, FieldTest[]>()
  for (const t of tests) byOffset.set(t.offset, [...(byOffset.get(t.offset) ?? []), t])
  const parts: string[] = []
  for (const offset of [...byOffset.keys()].sort((a, b) => a - b)) {
    const isHigh = offset >= 8 && offset % 8 === 4
    const onWord = withoutImplied(byOffset.get(offset) ?? [])
    if (isHigh && byOffset.has(offset - 4) && onWord.every(pinsHighToZero)) continue
    const lowOfZeroHigh = !isHigh && offset >= 8 && (byOffset.get(offset + 4) ?? []).length > 0 && (byOffset.get(offset + 4) ?? []).every(pinsHighToZero)
    // Deduplicate: libseccomp re-checks the same half in successive rules.
    for (const text of new Set(onWord.map((t) => formatTest(t, syscall, lowOfZeroHigh)))) parts.push(text)
  }
  for (const o of opaque) parts.push(o.holds ? o.text : `not (${o.text})`)
  return parts
}

/** Drop tests an equality on the same word already decides ("!= 8" next to "== 0"). */
function withoutImplied(onWord: readonly FieldTest[]): FieldTest[] {
  let fixedMask = 0
  for (const t of onWord) if (t.op === 'eq' && t.holds) fixedMask |= t.mask
  return onWord.filter((t) => (t.op === 'eq' && t.holds) || (t.mask & ~fixedMask) !== 0)
}
