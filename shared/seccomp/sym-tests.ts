// Conditions a path through a filter puts on seccomp_data's symbolic words (instruction pointer and
// arguments, each a 32-bit half), and a small solver that finds a concrete word meeting all of them.
// The solver only proves a path possible (by a witness); a path without witness is treated as impossible.

export type TestOp = 'eq' | 'gt' | 'ge' | 'lt' | 'le' | 'set'

/** (word at offset & mask) op value is `holds`. */
export interface FieldTest {
  offset: number
  mask: number
  op: TestOp
  value: number
  holds: boolean
}

/** A comparison on a value the explorer could not keep in field form, as text. */
export interface OpaqueTest {
  text: string
  holds: boolean
}

export const FULL = 0xffffffff

export function testHolds(test: FieldTest, word: number): boolean {
  const m = (word & test.mask) >>> 0
  const v = test.value >>> 0
  let result: boolean
  switch (test.op) {
    case 'eq': result = m === v; break
    case 'gt': result = m > v; break
    case 'ge': result = m >= v; break
    case 'lt': result = m < v; break
    case 'le': result = m <= v; break
    case 'set': result = (m & v) !== 0; break
  }
  return result === test.holds
}

/** A 32-bit value meeting every test on one word, or undefined when none was found. */
export function findWitness(tests: readonly FieldTest[]): number | undefined {
  let fixedMask = 0
  let fixedBits = 0
  let mustSet = 0
  for (const t of tests) {
    if (t.op === 'eq' && t.holds) {
      if ((t.value & ~t.mask) !== 0) return undefined
      const overlap = fixedMask & t.mask
      if (((fixedBits ^ t.value) & overlap) !== 0) return undefined
      fixedMask |= t.mask
      fixedBits = (fixedBits & ~t.mask) | (t.value & t.mask)
    }
    if (t.op === 'set' && t.holds) mustSet |= t.value & t.mask
  }
  const bases = new Set<number>([0, FULL, mustSet])
  for (const t of tests) {
    for (const d of [-2, -1, 0, 1, 2]) bases.add((t.value + d) >>> 0)
    bases.add(~t.mask >>> 0)
    bases.add((t.value & t.mask) >>> 0)
    bases.add(((t.value & t.mask) | ~t.mask) >>> 0)
  }
  for (const base of bases) {
    for (const extra of [0, mustSet]) {
      const candidate = (((base | extra) & ~fixedMask) | fixedBits) >>> 0
      if (tests.every((t) => testHolds(t, candidate))) return candidate
    }
  }
  return undefined
}
