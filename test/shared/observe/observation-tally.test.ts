import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import type { Observation } from '../../../shared/observe/observation'
import { bitsOf, ObservationTally } from '../../../shared/observe/observation-tally'
import { lostEventCount, parseTraceLine } from '../../../shared/observe/trace-event'

// A default busybox container (CapBnd a80425fb) running ping, chown 1:1 /tmp, mkdir /newdir, touch /etc/x,
// captured from trace_pipe with cap_capable, sys_enter, sched_process_exec/exit.
const FIXTURE = 'test/fixtures/trace/busybox-ping-chown-mkdir-6.18.txt'
const CONTAINER = { id: 'c1', name: 'busy', capBnd: '00000000a80425fb', capEff: '00000000a80425fb' }

function tallyLines(lines: string[], capBnd = CONTAINER.capBnd): Observation {
  const tally = new ObservationTally(bitsOf(capBnd))
  for (const line of lines) {
    const event = parseTraceLine(line)
    if (event) tally.add(event)
    else tally.addLost(lostEventCount(line))
  }
  return tally.result({ ...CONTAINER, capBnd }, '2026-12-07T07:00:00Z', 4, true, [])
}

const row = (o: Observation, name: string) => o.capabilities.find((c) => c.name === name)

describe('ObservationTally on a captured window', () => {
  const observation = tallyLines(readFileSync(FIXTURE, 'utf8').split('\n'))

  it('counts ping’s CAP_NET_RAW and chown’s CAP_CHOWN as used', () => {
    expect(row(observation, 'CAP_NET_RAW')).toMatchObject({ verdict: 'used', granted: 1, held: true })
    expect(row(observation, 'CAP_CHOWN')).toMatchObject({ verdict: 'used', granted: 2, held: true })
  })

  it('sets aside the overlayfs mounter’s checks (granted SYS_ADMIN / DAC_READ_SEARCH outside the bounding set)', () => {
    // DAC_OVERRIDE was checked only with the mounter's credential during copy-up: not the container's use.
    expect(row(observation, 'CAP_DAC_OVERRIDE')).toMatchObject({ verdict: 'unasked', granted: 0, otherCredential: 4 })
    expect(row(observation, 'CAP_DAC_READ_SEARCH')).toMatchObject({ held: false, granted: 0, otherCredential: 4 })
    // chown's copy-up also asked CHOWN with the mounter's credential: counted apart.
    expect(row(observation, 'CAP_CHOWN')!.otherCredential).toBe(2)
  })

  it('keeps the shell’s refused SYS_ADMIN probes as denied, not used', () => {
    const sysAdmin = row(observation, 'CAP_SYS_ADMIN')!
    expect(sysAdmin.verdict).toBe('denied')
    expect(sysAdmin.granted).toBe(0)
    expect(sysAdmin.denied).toBeGreaterThan(0)
    expect(sysAdmin.held).toBe(false)
  })

  it('lists held capabilities never asked for', () => {
    expect(row(observation, 'CAP_KILL')).toMatchObject({ verdict: 'unasked', held: true, granted: 0, denied: 0 })
    const heldRows = observation.capabilities.filter((c) => c.held)
    expect(heldRows.map((c) => c.name)).toHaveLength(14)
  })

  it('counts syscalls by name with the time of first use', () => {
    const socket = observation.syscalls.find((s) => s.name === 'socket')
    expect(socket).toMatchObject({ nr: 41, family: 'network' })
    expect(observation.syscalls.find((s) => s.name === 'fchownat' || s.name === 'chown')).toBeDefined()
    expect(observation.processes).toBeGreaterThanOrEqual(5)
    for (const s of observation.syscalls) expect(s.firstAt).toBeGreaterThanOrEqual(0)
  })
})

describe('credential attribution rules', () => {
  const line = (pid: number, cred: string, cap: number, ret: number, t: number, event = 'cap_capable'): string =>
    `   x-${pid}   (  ${pid}) [000] .....  ${t.toFixed(6)}: ${event}: cred ${cred}, target_ns 1, capable_ns 1, cap ${cap}, ret ${ret}`

  it('a credential used by two live processes at once is not either’s own', () => {
    const o = tallyLines([line(10, 'aaaa', 0, 0, 1), line(11, 'aaaa', 0, 0, 2), line(11, 'bbbb', 3, 0, 3)])
    expect(row(o, 'CAP_CHOWN')).toMatchObject({ verdict: 'unasked', otherCredential: 2 })
    expect(row(o, 'CAP_FOWNER')).toMatchObject({ verdict: 'used', granted: 1 })
  })

  it('a credential freed by exit may come back for another process: still its own', () => {
    const exit = '   x-10   (  10) [000] .....  1.500000: sched_process_exit: comm=x pid=10 prio=120 group_dead=true'
    const o = tallyLines([line(10, 'aaaa', 0, 0, 1), exit, line(11, 'aaaa', 0, 0, 2)])
    expect(row(o, 'CAP_CHOWN')).toMatchObject({ verdict: 'used', granted: 2, otherCredential: 0 })
  })

  it('records lost events', () => {
    expect(tallyLines(['CPU:0 [LOST 7 EVENTS]']).lostEvents).toBe(7)
  })
})
