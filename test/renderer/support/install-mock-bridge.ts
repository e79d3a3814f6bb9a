// Browser entry for the screenshot script: bundled into one script and injected with
// page.addInitScript, it sets window.glasshouse to a mock bridge built from the fixture.
// Options come from window.__GLASSHOUSE_MOCK__ = { mode: 'live' | 'recording' | 'down' }.
import type { HostSnapshot } from '../../../shared/model'
import varied from '../../fixtures/snapshots/host-varied.json'
import { bigSnapshot } from './big-snapshot'
import { createBridgeMock } from './bridge-mock'
import { syntheticHistory, syntheticRecording, syntheticSamples } from './synthetic-live'

declare global {
  interface Window {
    __GLASSHOUSE_MOCK__?: { mode?: 'live' | 'recording' | 'down' | 'big' }
  }
}

const mode = window.__GLASSHOUSE_MOCK__?.mode ?? 'live'
// 'big': 200 containers and 2,000 processes, to see the views at scale.
const snapshot = mode === 'big' ? bigSnapshot(200, 9, 200) : (varied as unknown as HostSnapshot)
const now = Date.now()
const live: HostSnapshot = { ...snapshot, takenAt: new Date(now).toISOString() }
const bridge = createBridgeMock({
  snapshot: live,
  history: syntheticHistory(live, now, mode === 'big' ? 30 : 120),
  recordings: [syntheticRecording(snapshot, 60)],
  appInfo: { live: mode === 'live' || mode === 'big' },
  fail: mode === 'down' ? { 'app:info': { code: 'unavailable', message: 'connection refused' }, 'recording:list': { code: 'unavailable', message: 'connection refused' } } : {}
})
window.glasshouse = bridge

// A live host pushes a sample every second; continue the history where it ends.
if (mode === 'live' || mode === 'big') {
  setInterval(() => {
    const sample = syntheticSamples(live, { seconds: 1, start: Date.now() }).samples[0]
    if (sample) bridge.push(sample)
  }, 1000)
}
