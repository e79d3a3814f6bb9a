// `glasshouse record` on the real daemon and kernel, run as a user runs it (the built CLI): 30 s of
// a container whose `tail /dev/zero` is OOM-killed again and again at 16 MiB, replayed: the same
// events at the same offsets. Ctrl-C and the size bound both leave a complete file; a file cut in the
// middle opens up to the cut. Asserts only on this test's own containers.
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { LiveEvent, LiveMessage, SampleMessage } from '../../shared/live'
import { parseRecording, type ParsedRecording } from '../../shared/recording-format'
import { messageTime, stateAt } from '../../shared/recording-state'
import { RecordingPlayer } from '../../renderer/connection/recording-player'
import { CLI, glasshouse } from './support/cli'
import { removeContainers, runContainer } from './support/docker'
import { waitFor } from './support/wait-for'

const scratch = mkdtempSync(join(tmpdir(), 'glasshouse-record-'))
const started: string[] = []
let oomId: string
let recording: ParsedRecording
let recordStderr: string

beforeAll(async () => {
  // sh stays (PID 1); each tail it starts fills the 16 MiB and is the one the kernel kills.
  oomId = runContainer(`gh-record-oom-${process.pid}`, ['--network', 'none', '-m', '16m', '--memory-swap', '16m'], ['sh', '-c', 'while true; do tail /dev/zero; sleep 1; done'])
  started.push(oomId)
  const file = join(scratch, 'oom.ndjson')
  const { stderr } = await glasshouse(['record', '-o', file, '--for', '30s'])
  recordStderr = stderr
  recording = parseRecording(readFileSync(file, 'utf8'))
}, 90_000)
afterAll(() => {
  removeContainers(started)
  rmSync(scratch, { recursive: true, force: true })
})

const ours = (m: LiveMessage): m is LiveEvent => m.type === 'event' && m.containerId === oomId

describe('30 s recorded with a container being OOM-killed', () => {
  it('has a header, the session, and an end line; progress went to stderr', () => {
    expect(recording.fault).toBeNull()
    expect(recording.header).toMatchObject({ format: 'glasshouse-recording', version: 1, command: ['glasshouse', 'record', '-o', join(scratch, 'oom.ndjson'), '--for', '30s'] })
    expect(recording.end).toMatchObject({ reason: 'duration', messages: recording.messages.length })
    expect(recording.messages[0]?.type).toBe('snapshot')
    expect(recordStderr).toMatch(/0:1\d recorded, [\d.]+ MB of 50\.0 MB/)
    expect(recordStderr).toMatch(/the --for time is up\. Wrote .*oom\.ndjson: 0:3\d recorded/)
    const samples = recording.messages.filter((m) => m.type === 'sample')
    expect(samples.length).toBeGreaterThanOrEqual(25)
  })

  it('its OOM events add up to what the kernel counter says happened while it recorded', () => {
    const kills = recording.messages.filter(ours).filter((e) => e.kind === 'oom-kill')
    expect(kills.length).toBeGreaterThan(0)
    const counters = recording.messages
      .filter((m): m is SampleMessage => m.type === 'sample')
      .map((s) => s.containers.find((c) => c.id === oomId)?.memory.oomKills)
      .filter((n): n is number => typeof n === 'number')
    const counted = kills.reduce((n, e) => n + Number(e.detail.kills), 0)
    expect(counted).toBe(counters.at(-1)! - counters[0]!)
    // The kernel, read now: at least as many as the recording's last sample saw.
    const oomControl = readFileSync(`/sys/fs/cgroup/memory/docker/${oomId}/memory.oom_control`, 'utf8')
    expect(Number(/oom_kill (\d+)/.exec(oomControl)?.[1])).toBeGreaterThanOrEqual(counters.at(-1)!)
  })

  it('replays the same events at the same offsets', () => {
    const first = messageTime(recording.messages[0]!)
    const recorded = recording.messages.filter(ours).map((e) => ({ kind: e.kind, at: e.at, offset: Date.parse(e.at) - first }))
    // Replay on a virtual clock: note when each event reaches the store.
    let now = 0
    const timers: Array<{ due: number; fn: () => void }> = []
    const replayed: Array<{ kind: string; at: string; offset: number }> = []
    const player = new RecordingPlayer(
      recording.messages,
      {
        apply: (batch) => batch.filter(ours).forEach((e) => replayed.push({ kind: e.kind, at: e.at, offset: now })),
        reset: () => undefined,
        progress: () => undefined
      },
      { setTimeout: (fn, ms) => timers.push({ due: now + ms, fn }), clearTimeout: () => undefined },
      () => now
    )
    player.start()
    while (timers.length > 0) {
      const next = timers.shift()!
      now = next.due
      next.fn()
    }
    // The same events, in the same order, each at its recorded offset. An event is replayed where it
    // arrived in the stream: one stamped a little before the message ahead of it (the kernel log's
    // time of a kill) comes with that message, never more than one sampling interval late.
    expect(replayed.map((e) => [e.kind, e.at])).toEqual(recorded.map((e) => [e.kind, e.at]))
    for (const [i, e] of recorded.entries()) {
      expect(replayed[i]!.offset).toBeGreaterThanOrEqual(e.offset)
      expect(replayed[i]!.offset - e.offset).toBeLessThanOrEqual(1000)
    }
    expect(replayed.filter((e, i) => e.offset === recorded[i]!.offset).length).toBeGreaterThan(0)
    // And scrubbed to each event's moment, the state holds it and nothing later.
    for (const [i, e] of replayed.entries()) {
      const state = stateAt(recording.messages, e.offset)!
      const ours = state.events.filter((x) => x.containerId === oomId)
      expect(ours.some((x) => x.kind === recorded[i]!.kind && x.at === recorded[i]!.at)).toBe(true)
      expect(ours).toHaveLength(replayed.filter((x) => x.offset <= e.offset).length)
    }
  })

  it('a copy cut in the middle of a line opens up to the cut, naming the line', async () => {
    const text = readFileSync(join(scratch, 'oom.ndjson'), 'utf8')
    const lines = text.split('\n')
    const cut = join(scratch, 'cut.ndjson')
    // Lines 1–11 whole (header, snapshot, …), line 12 cut in half.
    writeFileSync(cut, lines.slice(0, 11).join('\n') + '\n' + lines[11]!.slice(0, Math.floor(lines[11]!.length / 2)))
    const { stdout, stderr } = await glasshouse(['snapshot', '--from', cut])
    expect(stderr).toContain(`glasshouse snapshot: ${cut}: line 12 is cut off (the file ends in the middle of it); read up to the line before it`)
    expect(stdout).toMatch(/^Recorded: .*cut\.ndjson at \d:\d\d/m)
    expect(stdout).toContain(`gh-record-oom-${process.pid}`)
  })
})

describe('ending a recording', () => {
  it('Ctrl-C ends it with a complete file', async () => {
    const file = join(scratch, 'interrupted.ndjson')
    const child = spawn(process.execPath, [CLI, 'record', '-o', file], { stdio: ['ignore', 'ignore', 'pipe'] })
    let stderr = ''
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
    await waitFor(() => (safeParse(file).messages.some((m) => m.type === 'sample') ? true : undefined), 'a first sample in the file')
    child.kill('SIGINT')
    expect(await exited).toBe(130)
    const parsed = safeParse(file)
    expect(parsed.fault).toBeNull()
    expect(parsed.end).toMatchObject({ reason: 'interrupted', messages: parsed.messages.length })
    expect(stderr).toMatch(/glasshouse record: stopped\. Wrote .*interrupted\.ndjson/)
  })

  it('the size bound stops it cleanly below the bound', async () => {
    const file = join(scratch, 'bounded.ndjson')
    // Room for the first snapshot and a few seconds of samples at 250 ms.
    const { stdout: snapshot } = await glasshouse(['snapshot', '--json'])
    const bound = Buffer.byteLength(snapshot) + 96 * 1024
    const { stderr } = await glasshouse(['record', '-o', file, '--max-size', String(bound), '--interval', '250ms', '--for', '60s'])
    const parsed = safeParse(file)
    expect(parsed.fault).toBeNull()
    expect(parsed.end?.reason).toBe('size-limit')
    expect(statSync(file).size).toBeLessThanOrEqual(bound)
    expect(stderr).toMatch(/the next message would pass --max-size [\d.]+ MB: stopped there, the file is complete up to it/)
  }, 90_000)
})

function safeParse(file: string): ParsedRecording {
  try {
    return parseRecording(readFileSync(file, 'utf8'))
  } catch {
    return { header: null, messages: [], end: null, fault: null }
  }
}
