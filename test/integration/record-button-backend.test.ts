// The Record button's backend on the real daemon and kernel: record:start keeps the live session from
// then (the snapshot as it was, then what came), record:stop hands back the text `glasshouse record`
// would have written, and the existing reader opens it: header, messages, end line, and the container
// this test started while recording is in the replayed state. The size bound stops it cleanly.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Backend } from '../../main/backend/backend'
import { createBackend } from '../../main/backend/create-backend'
import { SessionRecorder } from '../../main/backend/session-recorder'
import type { LiveMessage } from '../../shared/live'
import { parseRecording } from '../../shared/recording-format'
import { recordingDuration, stateAt } from '../../shared/recording-state'
import { removeContainers, runContainer } from './support/docker'
import { waitFor } from './support/wait-for'

let backend: Backend
const started: string[] = []

beforeAll(async () => {
  backend = await createBackend({ env: process.env, carrier: 'serve', version: 'test', probe: 'local', intervalMs: 250 })
}, 60_000)
afterAll(async () => {
  removeContainers(started)
  await backend.close()
}, 30_000)

describe('record:start and record:stop', () => {
  it('record a stretch of the live session that opens as a recording', { timeout: 60_000 }, async () => {
    const seen: LiveMessage[] = []
    backend.push.subscribe('live:message', (m: LiveMessage) => seen.push(m))
    await expect(backend.handlers['record:stop']()).rejects.toThrow(/nothing is being recorded/)

    const status = await backend.handlers['record:start']()
    expect(status).toMatchObject({ recording: true, maxBytes: 50 * 2 ** 20, messages: 1, ended: null })
    expect(status.bytes).toBeGreaterThan(0)
    await expect(backend.handlers['record:start']()).rejects.toThrow(/already running/)

    const id = runContainer(`gh-recbtn-${process.pid}`, ['--network', 'none'])
    started.push(id)
    // Until the live session has the container and a few samples after it.
    await waitFor(() => ((seen.filter((m) => m.type === 'sample').length >= 4 && seen.some((m) => m.type === 'patch' && m.patch.upsert.containers.some((c) => c.id === id))) || undefined), 'our container in the live stream and four samples')
    const during = await backend.handlers['record:status']()
    expect(during.messages).toBeGreaterThan(4)
    expect(during.bytes).toBeGreaterThan(status.bytes)
    expect(during.elapsedMs).toBeGreaterThan(status.elapsedMs)

    const result = await backend.handlers['record:stop']()
    expect((await backend.handlers['record:status']()).recording).toBe(false)
    const parsed = parseRecording(result.text)
    expect(parsed.fault).toBeNull()
    expect(parsed.header).toMatchObject({ format: 'glasshouse-recording', version: 1, command: ['glasshouse', 'serve', '(Record button)'], intervalMs: 250, startedAt: status.startedAt })
    expect(parsed.end).toMatchObject({ reason: 'interrupted', messages: parsed.messages.length })
    expect(result).toMatchObject({ reason: 'interrupted', messages: parsed.messages.length, bytes: Buffer.byteLength(result.text) })
    expect(parsed.messages[0]?.type).toBe('snapshot')
    expect(parsed.messages.filter((m) => m.type === 'sample').length).toBeGreaterThanOrEqual(4)
    const last = stateAt(parsed.messages, recordingDuration(parsed.messages))
    expect(last?.snapshot.containers.some((c) => c.id === id)).toBe(true)
    // The snapshot it starts with is the one before our container existed.
    const first = parsed.messages[0]!
    expect(first.type === 'snapshot' && first.snapshot.containers.some((c) => c.id === id)).toBe(false)
  })

  it('stops cleanly at its size bound, complete up to there', { timeout: 40_000 }, async () => {
    const snapshot = await backend.handlers['snapshot:get']()
    const snapshotBytes = Buffer.byteLength(JSON.stringify({ type: 'snapshot', snapshot }))
    let listening = 0
    const recorder = new SessionRecorder({
      current: () => snapshot,
      subscribe: (listener) => {
        listening++
        const off = backend.push.subscribe('live:message', listener)
        return () => {
          listening--
          off()
        }
      },
      intervalMs: 250,
      carrier: 'serve',
      // Room for the header, the snapshot and some samples (other tests' containers make them larger).
      maxBytes: snapshotBytes + 32_768
    })
    recorder.start()
    const ended = await waitFor(() => (recorder.status().ended ?? undefined), 'the size bound', 25_000)
    expect(ended).toBe('size-limit')
    expect(listening).toBe(0)
    const result = recorder.stop()
    const parsed = parseRecording(result.text)
    expect(parsed.fault).toBeNull()
    expect(parsed.end).toMatchObject({ reason: 'size-limit', messages: parsed.messages.length })
    expect(result.bytes).toBeLessThanOrEqual(snapshotBytes + 32_768)
    expect(parsed.messages.length).toBeGreaterThan(1)
  })
})
