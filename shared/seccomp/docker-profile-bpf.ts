// One system call's rules as a small classic-BPF program over seccomp_data's arguments, shaped the way
// libseccomp checks a 64-bit argument (high word first, then low word; LT and LE as the negation of GE and
// GT). Exploring it with the same path explorer that decodes live filters gives verdicts in the very shape,
// and wording, of a decoded filter.
import { BPF_ALU_OP, BPF_CLASS, BPF_JMP_OP, BPF_MODE, BPF_RVAL, BPF_SIZE, BPF_SRC, jump, stmt, type BpfInsn } from './bpf-insn'
import type { DockerSeccompArg } from './docker-profile-types'
import type { RenderedRule } from './docker-profile-render'

type Target = 'next' | 'pass' | 'fail'
interface Pending {
  insn: BpfInsn
  jt?: Target
  jf?: Target
}

const LD_W_ABS = BPF_CLASS.LD | BPF_SIZE.W | BPF_MODE.ABS
const AND_K = BPF_CLASS.ALU | BPF_ALU_OP.AND | BPF_SRC.K
const RET_K = BPF_CLASS.RET | BPF_RVAL.K
const J = (op: number): number => BPF_CLASS.JMP | op | BPF_SRC.K

const TWO_32 = 2 ** 32
const high = (v: number): number => Math.floor(v / TWO_32) >>> 0
const low = (v: number): number => v % TWO_32 >>> 0

const load = (offset: number): Pending => ({ insn: stmt(LD_W_ABS, offset) })
const test = (op: number, k: number, jt: Target, jf: Target): Pending => ({ insn: jump(J(op), k, 0, 0), jt, jf })

/** The checks of one condition: fall through ('pass') when it holds, jump to 'fail' when not. */
function conditionChecks(arg: DockerSeccompArg, wide: boolean): Pending[] {
  const lo = 16 + 8 * arg.index
  const hi = lo + 4
  const v = arg.value
  // Compare one word: the high one (if the ABI has it) decides unless equal, then the low one.
  const ordered = (op: number, holdsWhenGreater: boolean): Pending[] => {
    const [onGreater, onLess]: [Target, Target] = holdsWhenGreater ? ['pass', 'fail'] : ['fail', 'pass']
    const lowOk: [Target, Target] = holdsWhenGreater ? ['pass', 'fail'] : ['fail', 'pass']
    const highPart = wide ? [load(hi), test(BPF_JMP_OP.JGT, high(v), onGreater, 'next'), test(BPF_JMP_OP.JEQ, high(v), 'next', onLess)] : []
    return [...highPart, load(lo), test(op, low(v), ...lowOk)]
  }
  switch (arg.op) {
    case 'SCMP_CMP_EQ':
      return [...(wide ? [load(hi), test(BPF_JMP_OP.JEQ, high(v), 'next', 'fail')] : []), load(lo), test(BPF_JMP_OP.JEQ, low(v), 'pass', 'fail')]
    case 'SCMP_CMP_NE':
      return [...(wide ? [load(hi), test(BPF_JMP_OP.JEQ, high(v), 'next', 'pass')] : []), load(lo), test(BPF_JMP_OP.JEQ, low(v), 'fail', 'pass')]
    case 'SCMP_CMP_MASKED_EQ': {
      // Docker's value is the mask, valueTwo the datum (libseccomp MakeCondition(index, op, value, valueTwo)).
      const datum = arg.valueTwo ?? 0
      const word = (offset: number, mask: number, want: number): Pending[] => [load(offset), { insn: stmt(AND_K, mask) }, test(BPF_JMP_OP.JEQ, want, 'next', 'fail')]
      const checks = [...(wide ? word(hi, high(v), high(datum)) : []), ...word(lo, low(v), low(datum))]
      const last = checks[checks.length - 1] as Pending
      last.jt = 'pass'
      return checks
    }
    case 'SCMP_CMP_GT':
      return ordered(BPF_JMP_OP.JGT, true)
    case 'SCMP_CMP_GE':
      return ordered(BPF_JMP_OP.JGE, true)
    case 'SCMP_CMP_LE':
      return ordered(BPF_JMP_OP.JGT, false)
    case 'SCMP_CMP_LT':
      return ordered(BPF_JMP_OP.JGE, false)
  }
}

/**
 * Rules are tried in profile order, the first whose conditions all hold gives the action; none: the
 * default. libseccomp emits a call's rules newest first, which only matters when rules with different
 * actions overlap; Docker's default profiles have none (per call, their conditional rules share one action). wide: the ABI's arguments are 64-bit (x86_64, x32, aarch64); for i386 only the low word counts.
 */
export function rulesProgram(rules: readonly RenderedRule[], defaultRet: number, wide: boolean): BpfInsn[] {
  const program: BpfInsn[] = []
  for (const rule of rules) {
    const blocks = rule.args.map((a) => conditionChecks(a, wide))
    const length = blocks.reduce((n, b) => n + b.length, 0) + 1
    const ruleEnd = program.length + length // first instruction of the next rule
    for (const block of blocks) {
      const blockEnd = program.length + block.length
      block.forEach((p, i) => {
        const at = program.length + i
        const offset = (t: Target | undefined): number => (t === undefined || t === 'next' ? 0 : (t === 'pass' ? blockEnd : ruleEnd) - at - 1)
        p.insn.jt = offset(p.jt)
        p.insn.jf = offset(p.jf)
      })
      program.push(...block.map((p) => p.insn))
    }
    program.push(stmt(RET_K, rule.ret))
  }
  program.push(stmt(RET_K, defaultRet))
  return program
}
