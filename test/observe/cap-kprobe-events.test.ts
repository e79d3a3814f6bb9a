// The kprobe_events lines the cap_capable fallback writes and removes, and which groups the start-up clean-up
// takes. Syntax from Documentation/trace/kprobetrace.rst (p:/r:[GRP/]EVENT SYM FETCHARGS, $argN, $retval,
// :x64/:s32, -:GRP/EVENT); read-back form from trace_kprobe_show ("r<maxactive>:" when maxactive is set).
// This host has no kprobes: the real-tracefs part checks that nothing here creates or writes kprobe_events.
import { existsSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { capKprobeDefinitions, capKprobeEventPaths, capKprobeRemovals, orphanKprobeGroups, removeCapKprobes, removeOrphanKprobes } from '../../main/observe/cap-kprobe-events'
import { removeOrphanInstances } from '../../main/observe/trace-instance-cleanup'
import { instanceOfKprobeGroup, kprobeGroupOf } from '../../main/observe/trace-instance-name'
import { ensureTracefs, TRACEFS_ROOT } from '../../main/observe/tracefs'

const INSTANCE = 'glasshouse-4242-123456-3'
const GROUP = 'glasshouse_4242_123456_3'

describe('kprobe group names', () => {
  it('maps an instance to a group the kernel accepts ([A-Za-z0-9_]) and back', () => {
    expect(kprobeGroupOf(INSTANCE)).toBe(GROUP)
    expect(instanceOfKprobeGroup(GROUP)).toBe(INSTANCE)
    expect(instanceOfKprobeGroup('kprobes')).toBeNull()
    expect(instanceOfKprobeGroup('glasshouse_x_1_2')).toBeNull()
  })
})

describe('the lines written to kprobe_events', () => {
  it('defines an entry probe with the credential and capability, and a return probe with the result', () => {
    expect(capKprobeDefinitions(INSTANCE)).toEqual([
      `p:${GROUP}/cap_capable cap_capable cred=$arg1:x64 cap=$arg3:s32`,
      `r:${GROUP}/cap_capable_ret cap_capable ret=$retval:s32`
    ])
  })

  it('enables both in the instance under the group’s own directory', () => {
    expect(capKprobeEventPaths(INSTANCE)).toEqual([`${GROUP}/cap_capable`, `${GROUP}/cap_capable_ret`])
  })

  const READ_BACK = [
    'p:kprobes/myprobe do_sys_open dfd=%ax filename=%dx',
    `p:${GROUP}/cap_capable cap_capable cred=$arg1:x64 cap=$arg3:s32`,
    `r16:${GROUP}/cap_capable_ret cap_capable ret=$retval:s32`,
    'p:glasshouse_1_2_0/cap_capable cap_capable cred=$arg1:x64 cap=$arg3:s32',
    'r:glasshouse_1_2_0/cap_capable_ret cap_capable ret=$retval:s32',
    ''
  ].join('\n')

  it('removes only the events of the instance’s group, as the kernel lists them', () => {
    expect(capKprobeRemovals(READ_BACK, GROUP)).toEqual([`-:${GROUP}/cap_capable`, `-:${GROUP}/cap_capable_ret`])
    expect(capKprobeRemovals(READ_BACK, 'glasshouse_9_9_9')).toEqual([])
  })

  it('lists as orphans the Glasshouse groups whose instance is not in use, never another tool’s', () => {
    expect(orphanKprobeGroups(READ_BACK, () => false)).toEqual([GROUP, 'glasshouse_1_2_0'])
    expect(orphanKprobeGroups(READ_BACK, (instance) => instance === INSTANCE)).toEqual(['glasshouse_1_2_0'])
    expect(orphanKprobeGroups(READ_BACK, () => true)).toEqual([])
  })
})

describe('on this host (tracepoint, no kprobes)', () => {
  it('has no kprobe_events, and the removals and clean-up do not create it', () => {
    ensureTracefs()
    expect(existsSync(`${TRACEFS_ROOT}/kprobe_events`)).toBe(false)
    expect(removeCapKprobes(TRACEFS_ROOT, INSTANCE)).toBe(true)
    expect(removeOrphanKprobes(TRACEFS_ROOT, () => false)).toEqual([])
    removeOrphanInstances(TRACEFS_ROOT)
    expect(existsSync(`${TRACEFS_ROOT}/kprobe_events`)).toBe(false)
  })
})
