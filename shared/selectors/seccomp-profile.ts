// A custom seccomp profile as Docker keeps it inline in SecurityOpt (kernel-facts §4.1),
// reduced to what a reader needs: the default action and each rule's syscalls and action.

export interface SeccompRule {
  action: string
  syscalls: string[]
  /** Conditions on arguments, as text ("arg0 == 1"), when the rule has any. */
  conditions: string[]
}

export interface SeccompProfileSummary {
  defaultAction: string | null
  architectures: string[]
  rules: SeccompRule[]
  /** The profile was not JSON the summary understands: shown raw. */
  raw: string | null
}

const OPS: Record<string, string> = {
  SCMP_CMP_EQ: '==',
  SCMP_CMP_NE: '!=',
  SCMP_CMP_LT: '<',
  SCMP_CMP_LE: '<=',
  SCMP_CMP_GT: '>',
  SCMP_CMP_GE: '>=',
  SCMP_CMP_MASKED_EQ: '& mask =='
}

export function summariseSeccompProfile(profile: unknown): SeccompProfileSummary {
  if (profile === null || typeof profile !== 'object' || Array.isArray(profile)) {
    return { defaultAction: null, architectures: [], rules: [], raw: profile == null ? null : String(profile) }
  }
  const p = profile as Record<string, unknown>
  const rules: SeccompRule[] = []
  for (const entry of Array.isArray(p.syscalls) ? p.syscalls : []) {
    if (entry === null || typeof entry !== 'object') continue
    const e = entry as Record<string, unknown>
    const names = Array.isArray(e.names) ? e.names.filter((n): n is string => typeof n === 'string') : typeof e.name === 'string' ? [e.name] : []
    const conditions = (Array.isArray(e.args) ? e.args : []).flatMap((a): string[] => {
      if (a === null || typeof a !== 'object') return []
      const arg = a as Record<string, unknown>
      return [`arg${String(arg.index)} ${OPS[String(arg.op)] ?? String(arg.op)} ${String(arg.value)}`]
    })
    rules.push({ action: typeof e.action === 'string' ? e.action : '?', syscalls: names, conditions })
  }
  return {
    defaultAction: typeof p.defaultAction === 'string' ? p.defaultAction : null,
    architectures: Array.isArray(p.architectures) ? p.architectures.filter((a): a is string => typeof a === 'string') : [],
    rules,
    raw: null
  }
}

/** SCMP_ACT_ERRNO → "fail with an error"; plain words for the actions a reader meets. */
export function describeSeccompAction(action: string | null): string {
  switch (action) {
    case 'SCMP_ACT_ALLOW':
      return 'allow'
    case 'SCMP_ACT_ERRNO':
      return 'fail with an error'
    case 'SCMP_ACT_KILL':
    case 'SCMP_ACT_KILL_THREAD':
      return 'kill the thread'
    case 'SCMP_ACT_KILL_PROCESS':
      return 'kill the process'
    case 'SCMP_ACT_TRAP':
      return 'send SIGSYS'
    case 'SCMP_ACT_LOG':
      return 'allow and log'
    case 'SCMP_ACT_TRACE':
      return 'hand to a tracer'
    case null:
      return 'unknown'
    default:
      return action
  }
}
