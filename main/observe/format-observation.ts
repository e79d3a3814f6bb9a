// The text `glasshouse observe` prints: what was used of what is held, the syscalls by family, and the
// suggestion, labelled as evidence from this window.
import type { CapabilityUse, Observation } from '../../shared/observe/observation'
import type { Suggestion } from '../../shared/observe/suggestion'
import type { Verification } from './verify-suggestion'

export function formatObservation(o: Observation, s: Suggestion, verification: Verification | null): string {
  const out: string[] = []
  const caps = o.capabilities
  const count = (v: CapabilityUse['verdict']): number => caps.filter((c) => c.verdict === v && (v !== 'unasked' || c.held)).length
  out.push(`Observed ${o.container.name} (${o.container.id.slice(0, 12)}) for ${o.seconds.toFixed(1)} s from ${o.startedAt}: ${o.processes} processes`)
  if (o.lostEvents > 0) out.push(`  ${o.lostEvents} events were lost (buffer full): counts are lower bounds`)
  for (const note of o.notes) out.push(`  note: ${note}`)
  out.push('')
  out.push(`Capabilities: ${caps.filter((c) => c.held).length} held, ${count('used')} used, ${count('denied')} asked but denied, ${count('unasked')} held but never asked`)
  const width = Math.max(...caps.map((c) => c.name.length), 10)
  for (const c of caps) {
    if (!c.held && c.verdict === 'unasked') continue
    const held = c.held ? 'held    ' : 'not held'
    const what =
      c.verdict === 'used'
        ? `used: ${plural(c.granted, 'check')} granted, first at ${seconds(c.firstGrantedAt)}`
        : c.verdict === 'denied'
          ? `asked, denied ${plural(c.denied, 'time')} (first at ${seconds(c.firstDeniedAt)}); it ran without it`
          : 'never asked'
    const other = c.otherCredential > 0 ? ` [+${c.otherCredential} with another credential, not counted]` : ''
    out.push(`  ${c.name.padEnd(width)}  ${held}  ${what}${other}`)
  }
  out.push('')
  if (o.syscallsTraced) {
    const total = o.syscalls.reduce((sum, x) => sum + x.count, 0)
    out.push(o.syscallCounts === 'first-seen' ? `Syscalls: ${o.syscalls.length} distinct (each recorded once; --count-syscalls counts every call)` : `Syscalls: ${o.syscalls.length} distinct, ${total} calls`)
    const families = new Map<string, string[]>()
    for (const x of [...o.syscalls].sort((a, b) => (a.name < b.name ? -1 : 1))) families.set(x.family, [...(families.get(x.family) ?? []), x.name])
    for (const [family, names] of [...families].sort(([a], [b]) => (a < b ? -1 : 1))) out.push(`  ${family.padEnd(10)} ${names.join(' ')}`)
  } else {
    out.push('Syscalls: not traced')
  }
  out.push('')
  out.push('Suggestion (evidence from this window, to be checked):')
  out.push(`  docker run ${s.dockerRunFlags} …`)
  if (s.capDrop.length > 0) out.push(`  drops, never used here: ${s.capDrop.join(' ')}`)
  out.push('  Compose:')
  for (const line of s.compose.trimEnd().split('\n')) out.push(`    ${line}`)
  const allowed = s.seccompProfile.syscalls.filter((r) => r.action === 'SCMP_ACT_ALLOW').reduce((n, r) => n + r.names.length, 0)
  out.push(`  Seccomp profile: ${allowed} syscalls allowed, every other one refused with EPERM (--profile-out FILE writes it)`)
  out.push(`  Against ${s.seccompDiff.against}:`)
  out.push(`    refused now, allowed by the default (${s.seccompDiff.refusedNow.length}): ${abbreviate(s.seccompDiff.refusedNow)}`)
  out.push(`    allowed beyond the default (${s.seccompDiff.allowedBeyondDefault.length}): ${s.seccompDiff.allowedBeyondDefault.join(' ') || 'none'}`)
  out.push(`  ${s.caveat}`)
  if (verification) {
    out.push('')
    out.push(`Verify: ${verification.ok ? 'PASSED' : 'FAILED'}: ${verification.summary}`)
  }
  return out.join('\n') + '\n'
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`
}

function seconds(at: number | null): string {
  return at === null ? '?' : `${at.toFixed(1)} s`
}

function abbreviate(names: string[], max = 12): string {
  if (names.length === 0) return 'none'
  return names.length <= max ? names.join(' ') : `${names.slice(0, max).join(' ')} … (${names.length - max} more)`
}
