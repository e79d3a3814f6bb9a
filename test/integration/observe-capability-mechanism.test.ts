// On this host (kernel with the capability:cap_capable tracepoint, no kprobes) an observation sees capability
// checks through the tracepoint, says so in its notes, and never defines a kprobe group in its instance.
// The kprobe fallback itself cannot run here (no CONFIG_KPROBES): its lines, pairing and clean-up list are
// tested pure (test/observe/cap-kprobe-events.test.ts, test/shared/observe/cap-kprobe-lines.test.ts).
import Docker from 'dockerode'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { observeContainer } from '../../main/observe/observe-container'
import { ensureTracefs, TRACEFS_ROOT } from '../../main/observe/tracefs'
import { removeContainers, runContainer } from './support/docker'

const docker = new Docker()
const ids: string[] = []

beforeAll(() => {
  ensureTracefs()
  ids.push(runContainer(`gh-observe-capmech-${process.pid}`, [], ['sleep', '3600']))
})

afterAll(() => removeContainers(ids))

describe('capability checks on a kernel with the tracepoint', () => {
  it('uses the tracepoint, names it in the notes, and writes no kprobe', async () => {
    let instanceEvents: string[] = []
    let tracepointOn = ''
    let instance = ''
    const observation = await observeContainer({
      docker,
      container: ids[0]!,
      seconds: 1,
      withSyscalls: false,
      onStarted: (name) => {
        instance = name
        const events = `${TRACEFS_ROOT}/instances/${name}/events`
        instanceEvents = readdirSync(events)
        tracepointOn = readFileSync(`${events}/capability/cap_capable/enable`, 'utf8').trim()
      }
    })
    expect(observation.notes).toContain('capability checks via the capability:cap_capable tracepoint')
    expect(observation.notes.some((note) => note.includes('kprobe'))).toBe(false)
    expect(tracepointOn).toBe('1')
    expect(instanceEvents.some((group) => group.startsWith('glasshouse_'))).toBe(false)
    expect(existsSync(`${TRACEFS_ROOT}/kprobe_events`)).toBe(false)
    expect(existsSync(`${TRACEFS_ROOT}/instances/${instance}`)).toBe(false)
  })
})
