// The kprobe fallback's trace lines (format from kernel/trace/trace_kprobe.c print_kprobe_event /
// print_kretprobe_event: "NAME: (SYM+OFF/SIZE) arg=…" and "NAME: (CALLER+OFF/SIZE <- SYM) arg=…"), their
// pairing per thread, and that a window seen through the kprobes tallies as the same window seen through
// the tracepoint. No kernel with kprobes here: the lines are written after the documented format.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { CapKprobePairing, parseCapKprobeLine, traceLineParser } from '../../../shared/observe/cap-kprobe-lines'
import type { Observation } from '../../../shared/observe/observation'
import { bitsOf, ObservationTally } from '../../../shared/observe/observation-tally'
import { lostEventCount, parseTraceLine, type TraceEvent } from '../../../shared/observe/trace-event'

const entry = (pid: number, time: string, cred: string, cap: number, comm = 'ping'): string =>
  `${comm.padStart(16)}-${pid}    (   ${pid}) [001] d....  ${time}: cap_capable: (cap_capable+0x0/0x80) cred=${cred} cap=${cap}`
const ret = (pid: number, time: string, value: number, comm = 'ping'): string =>
  `${comm.padStart(16)}-${pid}    (   ${pid}) [001] d....  ${time}: cap_capable_ret: (security_capable+0x3d/0x60 <- cap_capable) ret=${value}`

describe('parseCapKprobeLine', () => {
  it('reads the entry probe: pid, tgid, comm, time, raw credential pointer and capability', () => {
    expect(parseCapKprobeLine(entry(3883, '9320.284869', '0xffff8881003c1e40', 13))).toEqual({
      kind: 'entry',
      pid: 3883,
      tgid: 3883,
      comm: 'ping',
      time: 9320.284869,
      cred: '0xffff8881003c1e40',
      cap: 13
    })
  })

  it('reads the return probe, granted (0) and denied (-1, -EPERM)', () => {
    expect(parseCapKprobeLine(ret(3883, '9320.284901', 0))).toEqual({ kind: 'return', pid: 3883, ret: 0 })
    expect(parseCapKprobeLine(ret(27905, '9099.196758', -1, 'sh'))).toEqual({ kind: 'return', pid: 27905, ret: -1 })
  })

  it('accepts an entry offset other than 0 (a probe moved past an ENDBR instruction)', () => {
    expect(parseCapKprobeLine(entry(7, '1.000001', '0xffff888100000000', 21).replace('+0x0/', '+0x4/'))).toMatchObject({ kind: 'entry', cap: 21 })
  })

  it('leaves the tracepoint’s own cap_capable line and other events to parseTraceLine', () => {
    expect(parseCapKprobeLine('            ping-3883    (   3883) [000] .....  9320.284869: cap_capable: cred 0000000069fb84b6, target_ns 00000000d779333d, capable_ns 00000000d779333d, cap 13, ret 0')).toBeNull()
    expect(parseCapKprobeLine('              sh-3814    (   3814) [000] .....  9320.283907: sys_enter: NR 15 (11, 7fffecd5df30, 7fffecd5de00, 0, 0, 5e2740)')).toBeNull()
    expect(parseCapKprobeLine('# tracer: nop')).toBeNull()
  })
})

describe('CapKprobePairing', () => {
  const take = (pairing: CapKprobePairing, line: string): TraceEvent | null => pairing.take(parseCapKprobeLine(line)!)

  it('pairs interleaved checks of two threads each with its own return', () => {
    const pairing = new CapKprobePairing()
    expect(take(pairing, entry(10, '1.000001', '0xffff000000000a', 13))).toBeNull()
    expect(take(pairing, entry(20, '1.000002', '0xffff000000000b', 21, 'sh'))).toBeNull()
    expect(take(pairing, ret(20, '1.000003', -1, 'sh'))).toEqual({ kind: 'cap', pid: 20, tgid: 20, comm: 'sh', time: 1.000002, cred: '0xffff000000000b', cap: 21, ret: -1 })
    expect(take(pairing, ret(10, '1.000004', 0))).toEqual({ kind: 'cap', pid: 10, tgid: 10, comm: 'ping', time: 1.000001, cred: '0xffff000000000a', cap: 13, ret: 0 })
    expect(pairing.waiting).toBe(0)
  })

  it('ignores a return without an entry (its entry came before the window, or was lost)', () => {
    const pairing = new CapKprobePairing()
    expect(take(pairing, ret(10, '1.000004', 0))).toBeNull()
    // The return consumed nothing: a later check of the same thread still pairs.
    take(pairing, entry(10, '1.000005', '0xffff000000000a', 0))
    expect(take(pairing, ret(10, '1.000006', 0))).toMatchObject({ cap: 0, ret: 0 })
    expect(take(pairing, ret(10, '1.000007', 0))).toBeNull()
  })

  it('lets a new entry replace one whose return was lost', () => {
    const pairing = new CapKprobePairing()
    take(pairing, entry(10, '1.000001', '0xffff000000000a', 13))
    take(pairing, entry(10, '1.000002', '0xffff000000000a', 7))
    expect(take(pairing, ret(10, '1.000003', 0))).toMatchObject({ cap: 7, time: 1.000002 })
    expect(pairing.waiting).toBe(0)
  })
})

// A default busybox container (ping, chown 1:1 /tmp, mkdir, touch) captured through the tracepoint on 6.18.
const FIXTURE = 'test/fixtures/trace/busybox-ping-chown-mkdir-6.18.txt'
const CONTAINER = { id: 'c1', name: 'busy', capBnd: '00000000a80425fb', capEff: '00000000a80425fb' }
const TRACEPOINT = /^(.*): cap_capable: cred (\w+), target_ns \w+, capable_ns \w+, cap (-?\d+), ret (-?\d+)$/

/** The same window as the kprobe pair would print it: each tracepoint line becomes an entry and a return. */
function asKprobeLines(lines: string[]): string[] {
  return lines.flatMap((line) => {
    const m = TRACEPOINT.exec(line)
    if (!m) return [line]
    const [, head, cred, cap, value] = m as unknown as [string, string, string, string, string]
    return [`${head}: cap_capable: (cap_capable+0x0/0x80) cred=0x${cred} cap=${cap}`, `${head}: cap_capable_ret: (security_capable+0x3d/0x60 <- cap_capable) ret=${value}`]
  })
}

function tally(lines: string[], parse: (line: string) => TraceEvent | null): Observation {
  const t = new ObservationTally(bitsOf(CONTAINER.capBnd))
  for (const line of lines) {
    const event = parse(line)
    if (event) t.add(event)
    else t.addLost(lostEventCount(line))
  }
  return t.result(CONTAINER, '2026-12-07T07:00:00Z', 4, true, [])
}

describe('a window seen through the kprobe pair', () => {
  const lines = readFileSync(FIXTURE, 'utf8').split('\n')
  const viaTracepoint = tally(lines, parseTraceLine)
  const converted = asKprobeLines(lines)
  const viaKprobe = tally(converted, traceLineParser(parseTraceLine))

  it('holds the fixture’s checks as kprobe lines (the conversion did something)', () => {
    expect(converted.filter((line) => line.includes(' cap_capable_ret: (')).length).toBeGreaterThan(10)
    expect(converted.some((line) => / cap_capable: cred /.test(line))).toBe(false)
  })

  it('tallies as through the tracepoint: used, denied, other credential, per capability', () => {
    expect(viaKprobe.capabilities).toEqual(viaTracepoint.capabilities)
    expect(viaKprobe.capabilities.find((c) => c.name === 'CAP_NET_RAW')).toMatchObject({ verdict: 'used' })
    expect(viaKprobe.capabilities.find((c) => c.name === 'CAP_DAC_OVERRIDE')!.otherCredential).toBeGreaterThan(0)
    expect(viaKprobe.syscalls).toEqual(viaTracepoint.syscalls)
  })
})
