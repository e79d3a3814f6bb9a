// Evaluates a Docker seccomp profile for one container without running it: the verdict per system call
// of each ABI the host has, in the shape the decoder gives for a live filter (verdict.ts), so that the two
// compare call by call. Models Docker's rendering and runc's rules (docker-profile-render.ts), libseccomp's
// argument checks (docker-profile-bpf.ts) and runc's ENOSYS stub: calls numbered above the highest number the
// profile names for an ABI get ENOSYS (runc patchbpf, since 1.0.0; not when the default action allows).
import { SECCOMP_RET, decodeAction } from './actions'
import { verdictFor } from './decode-chain'
import { rulesProgram } from './docker-profile-bpf'
import { renderProfile, type RenderedProfile } from './docker-profile-render'
import type { DockerSeccompProfile, ProfileContext } from './docker-profile-types'
import { AUDIT_ARCH, X32_SYSCALL_BIT } from './seccomp-data'
import { SYSCALL_TABLES } from './syscall-tables'
import type { AbiDecoding, SyscallVerdict } from './verdict'

interface AbiSpec {
  abi: AbiDecoding['abi']
  arch: number
  bias: number
  scmpArch: string
  wide: boolean
}

const HOST_ABIS: Record<ProfileContext['hostArch'], AbiSpec[]> = {
  amd64: [
    { abi: 'x86_64', arch: AUDIT_ARCH.X86_64, bias: 0, scmpArch: 'SCMP_ARCH_X86_64', wide: true },
    // libseccomp treats x32 as a 32-bit architecture: only the low word of an argument is checked.
    { abi: 'x32', arch: AUDIT_ARCH.X86_64, bias: X32_SYSCALL_BIT, scmpArch: 'SCMP_ARCH_X32', wide: false },
    { abi: 'i386', arch: AUDIT_ARCH.I386, bias: 0, scmpArch: 'SCMP_ARCH_X86', wide: false }
  ],
  arm64: [{ abi: 'aarch64', arch: AUDIT_ARCH.AARCH64, bias: 0, scmpArch: 'SCMP_ARCH_AARCH64', wide: true }]
}
const UNLISTED_NR = 1000
const ENOSYS = 38
/** libseccomp's default for a call from an architecture the filter does not name (SCMP_FLTATR_ACT_BADARCH). */
const BAD_ARCH = SECCOMP_RET.KILL_THREAD

export interface ProfileEvaluation {
  abis: AbiDecoding[]
  /** What a call from an architecture the profile does not name gets. */
  unknownArch: SyscallVerdict
}

const fixed = (ret: number): SyscallVerdict => ({ kind: 'fixed', action: decodeAction(ret) })

const allowsByDefault = (ret: number): boolean => ret === SECCOMP_RET.ALLOW || ret === SECCOMP_RET.LOG || (ret & 0xffff0000) >>> 0 === SECCOMP_RET.TRACE

/** only: evaluate these ABIs alone (the native one is all a comparison needs). */
export function evaluateDockerProfile(profile: DockerSeccompProfile, context: ProfileContext, only?: readonly AbiDecoding['abi'][]): ProfileEvaluation {
  const rendered = renderProfile(profile, context)
  const abis = HOST_ABIS[context.hostArch].filter((spec) => only === undefined || only.includes(spec.abi)).map((spec) => evaluateAbi(rendered, spec))
  return { abis, unknownArch: fixed(BAD_ARCH) }
}

function evaluateAbi(rendered: RenderedProfile, spec: AbiSpec): AbiDecoding {
  const table = SYSCALL_TABLES[spec.abi]
  if (!rendered.architectures.includes(spec.scmpArch)) {
    return { abi: spec.abi, arch: spec.arch, accepted: false, syscalls: table.map(([nr, name]) => ({ nr, name, verdict: fixed(BAD_ARCH) })), unlisted: fixed(BAD_ARCH) }
  }
  // runc's stub: the highest number among the names listed that this ABI has (libseccomp resolves the rest to nothing).
  const stub = !allowsByDefault(rendered.defaultRet)
  const highest = Math.max(0, ...table.filter(([, name]) => rendered.listed.has(name)).map(([nr]) => nr))
  const enosys = fixed((SECCOMP_RET.ERRNO | ENOSYS) >>> 0)
  const verdict = (nr: number, name: string): SyscallVerdict => {
    if (stub && highest > 0 && nr > highest) return enosys
    const rules = rendered.rules.get(name)
    if (rules === undefined || rules.length === 0) return fixed(rendered.defaultRet)
    return verdictFor([rulesProgram(rules, rendered.defaultRet, spec.wide)], name, nr, spec.arch)
  }
  return {
    abi: spec.abi,
    arch: spec.arch,
    accepted: true,
    syscalls: table.map(([nr, name]) => ({ nr, name, verdict: verdict(nr, name) })),
    unlisted: verdict(UNLISTED_NR + spec.bias, '')
  }
}
