import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { DOCKER_DEFAULT_CAPS } from '../../shared/capabilities'
import { parseStatus, type ProcStatus } from '../../main/probe/proc-status'
import { V1_HOST } from './support/paths'

const text = (pid: number): string => readFileSync(join(V1_HOST, String(pid), 'status'), 'utf8')

function parsed(source: string): ProcStatus {
  const result = parseStatus(source)
  if (!result.ok) throw new Error(`expected a parse, got ${result.field}: ${result.detail}`)
  return result.value
}

const without = (source: string, ...keys: string[]): string =>
  source
    .split('\n')
    .filter((line) => !keys.some((key) => line.startsWith(`${key}:`)))
    .join('\n')

describe('parseStatus on captured processes', () => {
  it('reads a default Docker container init', () => {
    const status = parsed(text(8495))
    expect(status).toMatchObject({ name: 'sleep', state: 'S', ppid: 8473, uid: 0, nspid: [8495, 1], noNewPrivs: false })
    expect(status.seccomp).toEqual({ mode: 'filter', filters: 1 })
    expect([...status.capabilities.effective].sort()).toEqual([...DOCKER_DEFAULT_CAPS].sort())
    expect(status.capabilities.permitted).toEqual(status.capabilities.effective)
    expect(status.capabilities.bounding).toEqual(status.capabilities.effective)
    expect(status.capabilities.inheritable).toEqual([])
    expect(status.capabilities.ambient).toEqual([])
  })

  it('reads a three-level NSpid of a nested pid namespace, outermost first', () => {
    const status = parsed(text(8588))
    expect(status.nspid).toEqual([8588, 7, 1])
    expect(status.ppid).toBe(8559)
    expect(status.capabilities.effective).toContain('CAP_SYS_ADMIN')
  })

  it('reads the effective uid and empty sets of --cap-drop ALL --user 1000:1000', () => {
    const status = parsed(text(8627))
    expect(status.uid).toBe(1000)
    for (const set of Object.values(status.capabilities)) expect(set).toEqual([])
  })

  it('takes the second Uid number as the effective uid', () => {
    const source = text(8766).replace(/^Uid:.*$/m, 'Uid:\t1\t2\t3\t4')
    expect(parsed(source).uid).toBe(2)
  })

  it('reads seccomp=unconfined as disabled with no filters', () => {
    expect(parsed(text(8692)).seccomp).toEqual({ mode: 'disabled', filters: 0 })
  })

  it("shows the VM's bounding-set quirk: a host process lacks CAP_SYS_RESOURCE but has cap 40", () => {
    const bounding = parsed(text(8766)).capabilities.bounding
    expect(bounding).toHaveLength(40)
    expect(bounding).not.toContain('CAP_SYS_RESOURCE')
    expect(bounding).toContain('CAP_CHECKPOINT_RESTORE')
  })

  it('reads a kernel thread and a zombie', () => {
    expect(parsed(text(2))).toMatchObject({ name: 'kthreadd', ppid: 0, nspid: [2] })
    expect(parsed(text(2)).capabilities.bounding).toHaveLength(41)
    expect(parsed(text(8770))).toMatchObject({ state: 'Z', ppid: 8768 })
  })

  it('keeps spaces and parentheses in the name', () => {
    expect(parsed(text(8767)).name).toBe('a) (b c)')
  })
})

describe('parseStatus robustness', () => {
  it('does not depend on line order', () => {
    const shuffled = text(8495).split('\n').reverse().join('\n')
    expect(parsed(shuffled)).toEqual(parsed(text(8495)))
  })

  it('gives null for lines older kernels lack, and no ambient set before CapAmb existed', () => {
    const old = parsed(without(text(8495), 'NoNewPrivs', 'Seccomp_filters', 'NSpid', 'CapAmb', 'Kthread'))
    expect(old.noNewPrivs).toBeNull()
    expect(old.seccomp).toEqual({ mode: 'filter', filters: null })
    expect(old.nspid).toBeNull()
    expect(old.capabilities.ambient).toEqual([])
  })

  it('takes the first line of a key: a later duplicate cannot override it', () => {
    expect(parsed(`${text(8495)}Uid:\t5\t5\t5\t5\nNSpid:\t9\n`)).toMatchObject({ uid: 0, nspid: [8495, 1] })
  })

  it('reads NoNewPrivs 1 and strict mode', () => {
    const source = text(8495).replace(/^NoNewPrivs:.*$/m, 'NoNewPrivs:\t1').replace(/^Seccomp:.*$/m, 'Seccomp:\t1')
    expect(parsed(source)).toMatchObject({ noNewPrivs: true, seccomp: { mode: 'strict', filters: 1 } })
  })

  it("undoes the kernel's escaping of '\\n' and '\\' in Name, keeping trailing blanks", () => {
    expect(parsed(text(8495).replace(/^Name:.*$/m, 'Name:\ta\\nb\\\\c ')).name).toBe('a\nb\\c ')
  })

  it('decodes each distinct capability mask once: one shared, frozen list per mask, the right one for each', () => {
    const full = parsed(text(8495)).capabilities
    const again = parsed(text(8495)).capabilities
    expect(again.effective).toBe(full.effective)
    expect(Object.isFrozen(full.effective)).toBe(true)
    // Another mask in the same run still decodes to its own names, not a cached neighbour's.
    const other = parsed(text(8495).replace(/^CapEff:.*$/m, 'CapEff:\t0000000000000001')).capabilities
    expect(other.effective).toEqual(['CAP_CHOWN'])
    expect(other.permitted).toBe(full.permitted)
  })

  it('names the bad field of the captured malformed status', () => {
    const result = parseStatus(readFileSync(join(V1_HOST, '9002', 'status'), 'utf8'))
    expect(result).toEqual({ ok: false, field: 'CapEff', detail: expect.stringContaining('00000000zz0425fb') })
  })

  it.each([
    ['a missing Name', (s: string): string => without(s, 'Name'), 'Name'],
    ['a missing Uid', (s: string): string => without(s, 'Uid'), 'Uid'],
    ['a one-number Uid', (s: string): string => s.replace(/^Uid:.*$/m, 'Uid:\t0'), 'Uid'],
    ['a missing CapBnd', (s: string): string => without(s, 'CapBnd'), 'CapBnd'],
    ['a non-numeric PPid', (s: string): string => s.replace(/^PPid:.*$/m, 'PPid:\tx'), 'PPid'],
    ['a bad NSpid entry', (s: string): string => s.replace(/^NSpid:.*$/m, 'NSpid:\t8495\tone'), 'NSpid'],
    ['an unknown Seccomp mode', (s: string): string => s.replace(/^Seccomp:.*$/m, 'Seccomp:\t3'), 'Seccomp'],
    ['a bad NoNewPrivs', (s: string): string => s.replace(/^NoNewPrivs:.*$/m, 'NoNewPrivs:\tyes'), 'NoNewPrivs'],
    ['a State without a letter', (s: string): string => s.replace(/^State:.*$/m, 'State:\t?'), 'State']
  ])('reports %s as malformed', (_label, mutate, field) => {
    const result = parseStatus(mutate(text(8495)))
    expect(result.ok).toBe(false)
    if (!result.ok) {
      expect(result.field).toBe(field)
      expect(result.detail).toContain(field)
    }
  })

  it('reports empty text as malformed rather than throwing', () => {
    expect(parseStatus('')).toMatchObject({ ok: false, field: 'Name' })
  })
})
