import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { lostEventCount, parseTraceLine } from '../../../shared/observe/trace-event'

const FIXTURE = 'test/fixtures/trace/busybox-ping-chown-mkdir-6.18.txt'

describe('parseTraceLine (lines captured from trace_pipe on 6.18, record-tgid on)', () => {
  it('reads a cap_capable line: pid, tgid, credential, capability and result', () => {
    const line = '            ping-3883    (   3883) [000] .....  9320.284869: cap_capable: cred 0000000069fb84b6, target_ns 00000000d779333d, capable_ns 00000000d779333d, cap 13, ret 0'
    expect(parseTraceLine(line)).toEqual({ kind: 'cap', pid: 3883, tgid: 3883, comm: 'ping', time: 9320.284869, cred: '0000000069fb84b6', cap: 13, ret: 0 })
  })

  it('reads a denied check (ret -1) and a sys_enter line', () => {
    expect(parseTraceLine('              sh-27905   (  27905) [000] .n...  9099.196758: cap_capable: cred 000000004bc09e24, target_ns 00000000d779333d, capable_ns 0000000000000000, cap 21, ret -1')).toMatchObject({ cap: 21, ret: -1, pid: 27905 })
    expect(parseTraceLine('              sh-3814    (   3814) [000] .....  9320.283907: sys_enter: NR 15 (11, 7fffecd5df30, 7fffecd5de00, 0, 0, 5e2740)')).toEqual({ kind: 'syscall', pid: 3814, tgid: 3814, comm: 'sh', time: 9320.283907, nr: 15 })
  })

  it('keeps a comm with dashes and spaces, and an unknown tgid as null', () => {
    expect(parseTraceLine(' runc:[2:INIT]-30465   (  30464) [001] .....  9173.123191: sys_enter: NR 35 (7f006a9edd98, 0, 0, 0, 6, 0)')).toMatchObject({ comm: 'runc:[2:INIT]', pid: 30465, tgid: 30464 })
    expect(parseTraceLine('   my-app x-77   (-------) [001] .....  1.000001: sys_enter: NR 0 (0, 0, 0, 0, 0, 0)')).toMatchObject({ comm: 'my-app x', pid: 77, tgid: null })
  })

  it('reads exec and exit, and ignores header and foreign lines', () => {
    expect(parseTraceLine('            ping-3883    (   3883) [000] .....  9320.284502: sched_process_exec: filename=/proc/self/exe pid=3883 old_pid=3883')).toMatchObject({ kind: 'exec', pid: 3883 })
    expect(parseTraceLine('           chown-3884    (   3884) [000] .....  9320.285700: sched_process_exit: comm=chown pid=3884 prio=120 group_dead=true')).toMatchObject({ kind: 'exit', pid: 3884 })
    expect(parseTraceLine('# tracer: nop')).toBeNull()
    expect(parseTraceLine('          <idle>-0       (-------) [000] d..2.  1.0: sched_switch: prev_comm=x')).toBeNull()
  })

  it('parses every line of the captured fixture', () => {
    const lines = readFileSync(FIXTURE, 'utf8').split('\n').filter(Boolean)
    expect(lines.length).toBeGreaterThan(100)
    for (const line of lines) expect(parseTraceLine(line), line).not.toBeNull()
  })

  it('reads a per-syscall enter event by its name, with the kernel-function aliases', () => {
    expect(parseTraceLine('            bash-4325    (   4325) [000] ..... 11806.264862: sys_close(fd: 0xb)')).toEqual({
      kind: 'syscall', pid: 4325, tgid: 4325, comm: 'bash', time: 11806.264862, nr: 3, name: 'close', event: 'close'
    })
    expect(parseTraceLine('  ls-9 (   9) [001] ..... 1.5: sys_newfstat(fd: 1, statbuf: 7ffd)')).toMatchObject({ nr: 5, name: 'fstat', event: 'newfstat' })
    // The exit twin ("sys_close -> 0x0") is not an enter event.
    expect(parseTraceLine('  ls-9 (   9) [001] ..... 1.6: sys_close -> 0x0')).toBeNull()
  })

  it('counts lost events', () => {
    expect(lostEventCount('CPU:1 [LOST 123 EVENTS]')).toBe(123)
    expect(lostEventCount('sh-1 (1) [000] ..... 1.0: sys_enter: NR 0 (0)')).toBe(0)
  })
})
