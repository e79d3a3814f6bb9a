// Path exploration of a classic-BPF seccomp filter for one system call. nr and arch are known; the
// instruction pointer and the six arguments are symbolic. Every comparison that involves them forks the
// path and records the condition (FieldTest), so the result lists each reachable return value with the
// conditions under which the kernel would return it (e.g. clone: ALLOW when args[0] & 0x7e020000 == 0).
import {
  BPF_ALU_OP, BPF_CLASS, BPF_JMP_OP, BPF_MEMWORDS, BPF_MISC_OP, BPF_MODE, BPF_RVAL, BPF_SIZE, BPF_SRC, SECCOMP_DATA_SIZE,
  bpfClass, bpfMiscOp, bpfMode, bpfOp, bpfRval, bpfSize, bpfSrc, type BpfInsn
} from './bpf-insn'
import { BpfProgramError, aluApply, jumpTaken } from './bpf-run'
import { describeOffset } from './seccomp-data'
import { FULL, findWitness, type FieldTest, type OpaqueTest, type TestOp } from './sym-tests'

type Value =
  | { kind: 'const'; value: number }
  /** (32-bit word of seccomp_data at offset) & mask */
  | { kind: 'field'; offset: number; mask: number }
  | { kind: 'expr'; text: string }

export interface ExplorePath {
  tests: FieldTest[]
  opaque: OpaqueTest[]
  /** The returned value, or null when it depends on the arguments in a way kept only as text. */
  ret: number | null
  retText?: string
}

export interface ExploreResult {
  paths: ExplorePath[]
  /** More paths than the limit: the list is incomplete. */
  truncated: boolean
}

interface State {
  pc: number
  a: Value
  x: Value
  mem: Value[]
  tests: Map<number, FieldTest[]>
  opaque: OpaqueTest[]
}

const ALU_SYMBOL: Record<number, string> = {
  [BPF_ALU_OP.ADD]: '+', [BPF_ALU_OP.SUB]: '-', [BPF_ALU_OP.MUL]: '*', [BPF_ALU_OP.DIV]: '/', [BPF_ALU_OP.MOD]: '%',
  [BPF_ALU_OP.OR]: '|', [BPF_ALU_OP.AND]: '&', [BPF_ALU_OP.XOR]: '^', [BPF_ALU_OP.LSH]: '<<', [BPF_ALU_OP.RSH]: '>>'
}
const JMP_OP: Record<number, TestOp> = { [BPF_JMP_OP.JEQ]: 'eq', [BPF_JMP_OP.JGT]: 'gt', [BPF_JMP_OP.JGE]: 'ge', [BPF_JMP_OP.JSET]: 'set' }
const FLIPPED: Record<TestOp, TestOp> = { eq: 'eq', gt: 'lt', ge: 'le', lt: 'gt', le: 'ge', set: 'set' }

const constant = (value: number): Value => ({ kind: 'const', value: value >>> 0 })

function valueText(v: Value): string {
  if (v.kind === 'const') return `0x${v.value.toString(16)}`
  if (v.kind === 'expr') return v.text
  const name = describeOffset(v.offset)
  return v.mask === FULL ? name : `(${name} & 0x${v.mask.toString(16)})`
}

/** Explore every path for one (nr, arch); pathLimit bounds the work on adversarial programs. */
export function explore(program: readonly BpfInsn[], nr: number, arch: number, pathLimit = 4096): ExploreResult {
  const known = new Uint8Array(8)
  const view = new DataView(known.buffer)
  view.setInt32(0, nr | 0, true)
  view.setUint32(4, arch >>> 0, true)

  const paths: ExplorePath[] = []
  let truncated = false
  const stack: State[] = [{ pc: 0, a: constant(0), x: constant(0), mem: new Array<Value>(BPF_MEMWORDS).fill(constant(0)), tests: new Map(), opaque: [] }]

  const finish = (s: State, ret: Value): void => {
    const tests = [...s.tests.values()].flat()
    if (ret.kind === 'const') paths.push({ tests, opaque: s.opaque, ret: ret.value })
    else paths.push({ tests, opaque: s.opaque, ret: null, retText: valueText(ret) })
  }

  const loadValue = (offset: number, size: number): Value | undefined => {
    const width = size === BPF_SIZE.W ? 4 : size === BPF_SIZE.H ? 2 : 1
    if (offset < 0 || offset + width > SECCOMP_DATA_SIZE) return undefined
    if (offset + width <= 8) {
      return constant(width === 4 ? view.getUint32(offset, true) : width === 2 ? view.getUint16(offset, true) : view.getUint8(offset))
    }
    if (width === 4 && offset % 4 === 0) return { kind: 'field', offset, mask: FULL }
    return { kind: 'expr', text: `${width * 8}-bit load at seccomp_data+${offset}` }
  }

  while (stack.length > 0) {
    if (paths.length >= pathLimit) {
      truncated = true
      break
    }
    const s = stack.pop() as State
    for (;;) {
      const insn = program[s.pc]
      if (insn === undefined) throw new BpfProgramError(`ran off the end of the program at ${s.pc}`)
      const { code, k } = insn
      s.pc++
      const cls = bpfClass(code)
      if (cls === BPF_CLASS.LD || cls === BPF_CLASS.LDX) {
        const toX = cls === BPF_CLASS.LDX
        const mode = bpfMode(code)
        let value: Value | undefined
        if (mode === BPF_MODE.IMM) value = constant(k)
        else if (mode === BPF_MODE.LEN) value = constant(SECCOMP_DATA_SIZE)
        else if (mode === BPF_MODE.MEM) value = s.mem[k]
        else if (mode === BPF_MODE.ABS && !toX) value = loadValue(k, bpfSize(code))
        else if (mode === BPF_MODE.IND && !toX) {
          value = s.x.kind === 'const' ? loadValue((s.x.value + k) >>> 0, bpfSize(code)) : { kind: 'expr', text: `load at seccomp_data+(${valueText(s.x)}+${k})` }
        } else if (mode === BPF_MODE.MSH && toX) {
          const byte = loadValue(k, BPF_SIZE.B)
          value = byte === undefined ? undefined : byte.kind === 'const' ? constant((byte.value & 0x0f) * 4) : { kind: 'expr', text: `4*(${valueText(byte)}&0xf)` }
        } else throw new BpfProgramError(`bad load 0x${code.toString(16)} at ${s.pc - 1}`)
        if (value === undefined) {
          finish(s, constant(0))
          break
        }
        if (toX) s.x = value
        else s.a = value
      } else if (cls === BPF_CLASS.ST || cls === BPF_CLASS.STX) {
        if (k >= BPF_MEMWORDS) throw new BpfProgramError(`scratch index ${k} out of range`)
        s.mem[k] = cls === BPF_CLASS.ST ? s.a : s.x
      } else if (cls === BPF_CLASS.ALU) {
        const op = bpfOp(code)
        const rhs = bpfSrc(code) === BPF_SRC.X ? s.x : constant(k)
        const result = alu(op, s.a, rhs)
        if (result === 'div-by-zero') {
          finish(s, constant(0))
          break
        }
        s.a = result
      } else if (cls === BPF_CLASS.JMP) {
        const op = bpfOp(code)
        if (op === BPF_JMP_OP.JA) {
          s.pc += k
          continue
        }
        const rhs = bpfSrc(code) === BPF_SRC.X ? s.x : constant(k)
        const decided = decide(op, s.a, rhs)
        if (decided !== undefined) {
          s.pc += decided ? insn.jt : insn.jf
          continue
        }
        const taken = branch(s, op, s.a, rhs, true)
        const notTaken = branch(s, op, s.a, rhs, false)
        if (taken !== null) {
          taken.pc += insn.jt
          if (notTaken !== null) stack.push(taken)
        }
        if (notTaken !== null) notTaken.pc += insn.jf
        const next = notTaken ?? taken
        if (next === null) break // neither side possible: contradicting earlier conditions
        Object.assign(s, next)
      } else if (cls === BPF_CLASS.RET) {
        const rval = bpfRval(code)
        if (rval === BPF_RVAL.K) finish(s, constant(k))
        else if (rval === BPF_RVAL.A) finish(s, s.a)
        else throw new BpfProgramError(`bad return 0x${code.toString(16)} at ${s.pc - 1}`)
        break
      } else {
        const op = bpfMiscOp(code)
        if (op === BPF_MISC_OP.TAX) s.x = s.a
        else if (op === BPF_MISC_OP.TXA) s.a = s.x
        else throw new BpfProgramError(`bad misc 0x${code.toString(16)} at ${s.pc - 1}`)
      }
    }
  }
  return { paths, truncated }
}

function alu(op: number, a: Value, b: Value): Value | 'div-by-zero' {
  if (op === BPF_ALU_OP.NEG) return a.kind === 'const' ? constant(aluApply(op, a.value, 0) as number) : { kind: 'expr', text: `-${valueText(a)}` }
  if (a.kind === 'const' && b.kind === 'const') {
    const r = aluApply(op, a.value, b.value)
    return r === 'div-by-zero' ? r : constant(r)
  }
  if ((op === BPF_ALU_OP.DIV || op === BPF_ALU_OP.MOD) && b.kind === 'const' && b.value === 0) return 'div-by-zero'
  if (op === BPF_ALU_OP.AND) {
    const field = a.kind === 'field' ? a : b.kind === 'field' ? b : undefined
    const other = field === a ? b : a
    if (field !== undefined && other.kind === 'const') {
      const mask = (field.mask & other.value) >>> 0
      return mask === 0 ? constant(0) : { kind: 'field', offset: field.offset, mask }
    }
  }
  return { kind: 'expr', text: `(${valueText(a)} ${ALU_SYMBOL[op] ?? '?'} ${valueText(b)})` }
}

function decide(op: number, a: Value, b: Value): boolean | undefined {
  if (a.kind === 'const' && b.kind === 'const') return jumpTaken(op, a.value, b.value)
  return undefined
}

/** The state that follows when the comparison comes out `holds`, or null when that contradicts the path. */
function branch(s: State, op: number, a: Value, b: Value, holds: boolean): State | null {
  const testOp = JMP_OP[op]
  if (testOp === undefined) throw new BpfProgramError(`unknown jump 0x${op.toString(16)}`)
  const next: State = { ...s, mem: [...s.mem], tests: new Map(s.tests), opaque: s.opaque }
  let test: FieldTest | undefined
  if (a.kind === 'field' && b.kind === 'const') test = { offset: a.offset, mask: a.mask, op: testOp, value: b.value, holds }
  else if (b.kind === 'field' && a.kind === 'const') test = { offset: b.offset, mask: b.mask, op: FLIPPED[testOp], value: a.value, holds }
  if (test === undefined) {
    const symbol = { eq: '==', gt: '>', ge: '>=', lt: '<', le: '<=', set: '&' }[testOp]
    next.opaque = [...s.opaque, { text: testOp === 'set' ? `${valueText(a)} & ${valueText(b)} != 0` : `${valueText(a)} ${symbol} ${valueText(b)}`, holds }]
    return next
  }
  const onWord = [...(s.tests.get(test.offset) ?? []), test]
  if (findWitness(onWord) === undefined) return null
  next.tests.set(test.offset, onWord)
  return next
}
