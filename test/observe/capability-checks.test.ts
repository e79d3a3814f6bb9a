// Which mechanism sees capability checks, and what the observation's notes say about it.
import { describe, expect, it } from 'vitest'
import { capabilityChecks, ensureTracefs, eventsToEnable, missingFeatureNotes, noteCapKprobeRefused, traceFeatures, type TraceFeatures } from '../../main/observe/tracefs'

const features = (capCapable: boolean, kprobes: boolean): TraceFeatures => ({ capCapable, kprobes, sysEnter: true, sched: true, syscallEnterEvents: [] })

describe('capabilityChecks', () => {
  it('prefers the tracepoint, falls back to a kprobe, else none', () => {
    expect(capabilityChecks(features(true, true))).toBe('tracepoint')
    expect(capabilityChecks(features(false, true))).toBe('kprobe')
    expect(capabilityChecks(features(false, false))).toBe('none')
  })

  it('names the mechanism in the notes, and the missing kernel features when there is none', () => {
    expect(missingFeatureNotes(features(true, false))).toEqual(['capability checks via the capability:cap_capable tracepoint'])
    expect(missingFeatureNotes(features(false, true))).toEqual(['capability checks via a kprobe on cap_capable (no tracepoint on this kernel)'])
    expect(missingFeatureNotes(features(false, false))).toEqual([
      'capability checks not observed: this kernel has neither the capability:cap_capable tracepoint nor kprobe events (CONFIG_KPROBE_EVENTS)'
    ])
  })

  it('says so when the kernel refused the kprobe (the observation runs on without it)', () => {
    const notes = missingFeatureNotes(features(false, true))
    noteCapKprobeRefused(notes, null)
    expect(notes).toEqual(['capability checks via a kprobe on cap_capable (no tracepoint on this kernel)'])
    noteCapKprobeRefused(notes, 'EINVAL')
    expect(notes).toEqual(['capability checks not observed: this kernel has no capability:cap_capable tracepoint and refused a kprobe on cap_capable (EINVAL; $argN needs kernel 4.20+)'])
  })

  it('does not enable the tracepoint when the kprobe is used (the instance adds its own group)', () => {
    expect(eventsToEnable(features(false, true), 'none')).not.toContain('capability/cap_capable')
  })

  it('picks the tracepoint on this host, which has no kprobe events', () => {
    ensureTracefs()
    const here = traceFeatures()
    expect(here.capCapable).toBe(true)
    expect(here.kprobes).toBe(false)
    expect(capabilityChecks(here)).toBe('tracepoint')
  })
})
