// From an observation to the smallest privileges that ran the workload in that window: docker run flags,
// a Compose snippet and a seccomp profile (Docker's JSON format), with the profile's difference from
// Docker's default. Evidence from one window, to be checked (`glasshouse observe --verify`).
import { DOCKER_DEFAULT_PROFILE, DOCKER_DEFAULT_PROFILE_SOURCE } from './docker-default-profile'
import type { Observation } from './observation'
import { RUNTIME_BASELINE } from './runtime-baseline'

export interface SeccompProfile {
  defaultAction: 'SCMP_ACT_ERRNO'
  architectures: string[]
  syscalls: SeccompRule[]
}

export interface SeccompRule {
  names: string[]
  action: 'SCMP_ACT_ALLOW' | 'SCMP_ACT_ERRNO'
  errnoRet?: number
  args?: Array<{ index: number; value: number; valueTwo: number; op: 'SCMP_CMP_MASKED_EQ' }>
  comment?: string
}

// Docker's default keeps these two as it does without CAP_SYS_ADMIN: clone only without namespace flags
// (CLONE_NEWNS|NEWCGROUP|NEWUTS|NEWIPC|NEWUSER|NEWPID|NEWNET = 0x7E020000), clone3 refused with ENOSYS so
// the C library falls back to clone (clone3's flags sit in memory where seccomp cannot look).
const CLONE_NAMESPACE_FLAGS = 0x7e020000
const ENOSYS = 38

export interface ProfileDiff {
  against: string
  /** Allowed by Docker's default for this container, refused by the suggested profile. */
  refusedNow: string[]
  /** Allowed by the suggested profile, refused (or allowed only for some arguments) by Docker's default. */
  allowedBeyondDefault: string[]
}

export interface Suggestion {
  /** Capabilities to add after --cap-drop ALL, without the CAP_ prefix (Docker's spelling). */
  capAdd: string[]
  /** Held capabilities the window never saw granted: dropped by the suggestion. */
  capDrop: string[]
  dockerRunFlags: string
  compose: string
  seccompProfile: SeccompProfile
  seccompDiff: ProfileDiff
  /** Always shown with the suggestion. */
  caveat: string
}

export const SUGGESTION_CAVEAT =
  'Evidence from one observation window, not proof: a code path the workload did not take in the window ' +
  '(start-up, errors, rare requests) may need more. Run the command again with it (Check it, or ' +
  'glasshouse observe --verify) before relying on it.'

export function suggest(observation: Observation, profileFile = 'seccomp-profile.json'): Suggestion {
  const used = observation.capabilities.filter((c) => c.verdict === 'used' && c.held)
  const capAdd = used.map((c) => shortCap(c.name))
  const capDrop = observation.capabilities.filter((c) => c.held && c.verdict !== 'used').map((c) => shortCap(c.name))
  const seccompProfile = seccompProfileFor(observation, capAdd)
  const flags = ['--cap-drop ALL', ...capAdd.map((c) => `--cap-add ${c}`), `--security-opt seccomp=${profileFile}`].join(' ')
  return {
    capAdd,
    capDrop,
    dockerRunFlags: flags,
    compose: composeSnippet(observation.container.name, capAdd, profileFile),
    seccompProfile,
    seccompDiff: diffAgainstDefault(seccompProfile, used.map((c) => c.name)),
    caveat: SUGGESTION_CAVEAT
  }
}

export function shortCap(name: string): string {
  return name.replace(/^CAP_/, '')
}

/** The observed syscalls plus the runtime's baseline, every other call refused with EPERM. */
export function seccompProfileFor(observation: Observation, capAdd: readonly string[] = []): SeccompProfile {
  const all = new Set(observation.syscalls.map((s) => s.name))
  const limitClone = !capAdd.includes('SYS_ADMIN')
  const special = limitClone ? ['clone', 'clone3'] : []
  const observed = [...all].filter((name) => !special.includes(name)).sort()
  const baseline = RUNTIME_BASELINE.filter((name) => !all.has(name))
  const syscalls: SeccompRule[] = [{ names: observed, action: 'SCMP_ACT_ALLOW', comment: 'observed in the window' }]
  if (baseline.length > 0) syscalls.push({ names: [...baseline], action: 'SCMP_ACT_ALLOW', comment: 'needed by the runtime to start and end any container' })
  if (limitClone && (all.has('clone') || all.has('clone3'))) {
    syscalls.push({
      names: ['clone'],
      action: 'SCMP_ACT_ALLOW',
      args: [{ index: 0, value: CLONE_NAMESPACE_FLAGS, valueTwo: 0, op: 'SCMP_CMP_MASKED_EQ' }],
      comment: 'observed; without namespace flags, as in Docker\'s default'
    })
    syscalls.push({ names: ['clone3'], action: 'SCMP_ACT_ERRNO', errnoRet: ENOSYS, comment: 'the C library falls back to clone' })
  }
  return {
    defaultAction: 'SCMP_ACT_ERRNO',
    architectures: ['SCMP_ARCH_X86_64', 'SCMP_ARCH_X86', 'SCMP_ARCH_X32'],
    syscalls: syscalls.filter((rule) => rule.names.length > 0)
  }
}

export function diffAgainstDefault(profile: SeccompProfile, capabilities: readonly string[]): ProfileDiff {
  const mine = new Set(profile.syscalls.filter((rule) => rule.action === 'SCMP_ACT_ALLOW' && !rule.args).flatMap((rule) => rule.names))
  const limited = new Set(profile.syscalls.filter((rule) => rule.action === 'SCMP_ACT_ALLOW' && rule.args).flatMap((rule) => rule.names))
  const defaultAllows = new Set(DOCKER_DEFAULT_PROFILE.allowed)
  for (const cap of capabilities) for (const name of DOCKER_DEFAULT_PROFILE.byCapability[cap] ?? []) defaultAllows.add(name)
  return {
    against: DOCKER_DEFAULT_PROFILE_SOURCE,
    refusedNow: [...defaultAllows].filter((name) => !mine.has(name) && !limited.has(name)).sort(),
    allowedBeyondDefault: [...mine].filter((name) => !defaultAllows.has(name)).sort()
  }
}

function composeSnippet(name: string, capAdd: string[], profileFile: string): string {
  const service = name.replace(/^\//, '').replace(/[^A-Za-z0-9_.-]/g, '-') || 'app'
  const lines = ['services:', `  ${service}:`, '    cap_drop:', '      - ALL']
  if (capAdd.length > 0) lines.push('    cap_add:', ...capAdd.map((c) => `      - ${c}`))
  lines.push('    security_opt:', `      - seccomp=${profileFile}`)
  return lines.join('\n') + '\n'
}
