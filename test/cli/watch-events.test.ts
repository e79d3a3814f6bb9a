// `glasshouse watch`'s "Recent events": the newest shown, throttling coalesced per container, and an
// OOM kill never pushed out of sight by throttling.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { tableView } from '../../main/cli/watch-command'
import { formatEventLines, newestEventLines, recordEvent, type EventLine } from '../../main/cli/watch-events'
import type { LiveEvent, LiveMessage, SampleMessage } from '../../shared/live'
import type { HostSnapshot } from '../../shared/model'

const snapshot = JSON.parse(readFileSync(new URL('../fixtures/snapshots/host-varied.json', import.meta.url), 'utf8')) as HostSnapshot
const id = (name: string): string => snapshot.containers.find((c) => c.name === name)!.id

/** Second `s` after 17:00:00 (UTC). */
const at = (s: number): string => new Date(Date.UTC(2026, 10, 28, 17, 0, s)).toISOString()

function event(kind: LiveEvent['kind'], name: string, second: number, message = `${kind} in ${name} at ${second}`): LiveEvent {
  return { type: 'event', kind, containerId: id(name), containerName: name, at: at(second), message, detail: {} }
}

const record = (events: readonly LiveEvent[], keep?: number): EventLine[] =>
  events.reduce<EventLine[]>((lines, e) => recordEvent(lines, e, keep), [])

describe('recent events', () => {
  it('shows the newest first, not the first five forever', () => {
    const lines = record([1, 2, 3, 4, 5, 6, 7, 8].map((s) => event('container-exec', 'web', s)))
    expect(newestEventLines(lines, 5, new Date(at(9))).map((l) => l.lastAt)).toEqual([at(8), at(7), at(6), at(5), at(4)])
  })

  it('coalesces repeated throttling of one container into one line with a count and the span', () => {
    const lines = record([
      event('cpu-throttled', 'web', 1, 'throttled 1'),
      event('cpu-throttled', 'batch', 2, 'batch throttled'),
      event('cpu-throttled', 'web', 5, 'throttled 2'),
      event('container-exec', 'web', 6, 'exec sh in web'),
      event('cpu-throttled', 'web', 9, 'throttled 3')
    ])
    expect(formatEventLines(newestEventLines(lines, 5, new Date(at(10))))).toMatchInlineSnapshot(`
      [
        "  17:00:01–17:00:09  web  cpu-throttled ×3: throttled 3",
        "  17:00:06           web  container-exec: exec sh in web",
        "  17:00:02           batch  cpu-throttled: batch throttled",
      ]
    `)
  })

  it('never lets throttling push an OOM kill out of the list or off the screen', () => {
    const oom: LiveEvent = { ...event('oom-kill', 'sidecar', 0, 'The kernel OOM-killed 1 process at its 16 MiB memory limit (1 in total).'), sources: ['kernel', 'docker'] }
    const storm: LiveEvent[] = []
    for (let s = 1; s <= 200; s++) storm.push(event('cpu-throttled', ['web', 'batch', 'nested', 'netadmin', 'debug-tools', 'sidecar'][s % 6]!, s))
    const lines = record([oom, ...storm])
    // Six containers throttling 200 times make six lines, not 200.
    expect(lines).toHaveLength(7)
    const shown = newestEventLines(lines, 5, new Date(at(201)))
    expect(shown.map((l) => l.kind)).toContain('oom-kill')
    expect(formatEventLines(shown)).toMatchInlineSnapshot(`
      [
        "  17:00:02–17:03:20  nested  cpu-throttled ×34: cpu-throttled in nested at 200",
        "  17:00:01–17:03:19  batch  cpu-throttled ×34: cpu-throttled in batch at 199",
        "  17:00:06–17:03:18  web  cpu-throttled ×33: cpu-throttled in web at 198",
        "  17:00:05–17:03:17  sidecar  cpu-throttled ×33: cpu-throttled in sidecar at 197",
        "  17:00:00           sidecar  oom-kill: The kernel OOM-killed 1 process at its 16 MiB memory limit (1 in total). [kernel + docker]",
      ]
    `)
  })

  it('keeps OOM lines when the list is full of other events, the oldest others going first', () => {
    const lines = record([event('oom-kill', 'web', 0), ...[1, 2, 3, 4].map((s) => event('container-exec', 'batch', s))], 3)
    expect(lines.map((l) => `${l.kind}@${l.lastAt.slice(17, 19)}`)).toEqual(['oom-kill@00', 'container-exec@03', 'container-exec@04'])
  })

  it('shows an old OOM line only as its turn comes (pinned for ten minutes)', () => {
    const lines = record([event('oom-kill', 'web', 0), ...[1, 2, 3, 4, 5, 6].map((s) => event('container-exec', 'batch', s))])
    expect(newestEventLines(lines, 3, new Date(at(60))).map((l) => l.kind)).toEqual(['container-exec', 'container-exec', 'oom-kill'])
    expect(newestEventLines(lines, 3, new Date(at(11 * 60))).map((l) => l.kind)).toEqual(['container-exec', 'container-exec', 'container-exec'])
  })
})

describe('watch in a terminal', () => {
  it('redraws with the newest events as they arrive', () => {
    const out: string[] = []
    const view = tableView({ stdout: (t) => out.push(t), stderr: () => undefined, env: {}, isTty: false }, 1000, () => ({ width: 120, height: 40, now: new Date(at(30)) }))
    const sample: SampleMessage = { type: 'sample', at: at(0), intervalMs: 1000, containers: [], self: { cpuCores: 0, rssBytes: 0, readMs: 0 } }
    const messages: LiveMessage[] = [{ type: 'snapshot', snapshot }]
    for (let s = 1; s <= 12; s++) messages.push(event('container-exec', 'web', s, `exec number ${s}`))
    messages.push(sample)
    for (const message of messages) view(message)
    const frame = out.at(-1)!
    expect(frame).toContain('exec number 12')
    expect(frame).toContain('exec number 8')
    expect(frame).not.toContain('exec number 7')
    expect(frame.indexOf('exec number 12')).toBeLessThan(frame.indexOf('exec number 11'))
  })
})
