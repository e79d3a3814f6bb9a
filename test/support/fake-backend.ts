// A small in-memory Backend for carrier tests: known answers, a push source the test drives,
// and one handler that fails like a bug would (with a path and a stack in its error).
import type { LiveMessage } from '../../shared/live'
import type { HostSnapshot } from '../../shared/model'
import { BackendError, type Backend } from '../../main/backend/backend'

export interface FakeBackend extends Backend {
  emit(message: LiveMessage): void
  listenerCount(): number
  closed: boolean
  calls: string[]
}

export const SECRET_FAILURE = 'disk error at /root/.secret/internal-path.ts'

export function fakeBackend(): FakeBackend {
  const listeners = new Set<(message: LiveMessage) => void>()
  const calls: string[] = []
  const backend: FakeBackend = {
    calls,
    closed: false,
    handlers: {
      'app:info': async () => {
        calls.push('app:info')
        return { version: '9.9.9', carrier: 'serve', live: false }
      },
      'snapshot:get': async () => {
        calls.push('snapshot:get')
        return { schemaVersion: 1, takenAt: '2026-01-01T00:00:00.000Z', containers: [] } as unknown as HostSnapshot
      },
      'history:get': async () => ({ windowMs: 600_000, containers: {}, events: [] }),
      'recording:list': async () => [],
      'recording:open': async (name) => {
        calls.push(`recording:open ${name}`)
        throw new BackendError('not-found', `no recording named ${name}`)
      },
      'recording:open-file': async () => {
        throw new BackendError('unavailable', 'opening a file needs the desktop app')
      },
      'export:save': async () => {
        throw new Error(SECRET_FAILURE)
      },
      'seccomp:read': async () => {
        throw new BackendError('unavailable', 'no live filters in the fake backend')
      },
      'observe:run': async () => {
        throw new BackendError('unavailable', 'the fake backend does not observe')
      },
      'observe:all': async () => {
        throw new BackendError('unavailable', 'the fake backend does not observe')
      },
      'observe:verify': async () => {
        throw new BackendError('unavailable', 'the fake backend does not observe')
      },
      'probe:get': async () => ({ setting: 'auto', helperCommand: 'docker run …' }),
      'probe:set': async (setting) => ({ setting, helperCommand: 'docker run …' }),
      'demo:list': async () => [],
      'demo:run-step': async (demoId, step) => {
        calls.push(`demo:run-step ${demoId} ${step}`)
        throw new BackendError('not-found', `no demo named ${demoId}`)
      },
      'demo:clean': async () => ({ removed: 0 }),
      'container:changes': async () => ({ readAt: '2026-01-01T00:00:00.000Z', changes: [], upperDir: null, problem: null }),
      'record:start': async () => {
        throw new BackendError('unavailable', 'the fake backend does not record')
      },
      'record:status': async () => ({ recording: false, startedAt: null, elapsedMs: 0, bytes: 0, maxBytes: 0, messages: 0, ended: null }),
      'record:stop': async () => {
        throw new BackendError('bad-request', 'nothing is being recorded')
      }
    },
    push: {
      subscribe: (channel, listener) => {
        // Only live messages are pushed by this fake (probe:progress never comes).
        if (channel !== 'live:message') return () => undefined
        const l = listener as (message: LiveMessage) => void
        listeners.add(l)
        return () => listeners.delete(l)
      }
    },
    emit: (message) => {
      for (const l of listeners) l(message)
    },
    listenerCount: () => listeners.size,
    close: async () => {
      backend.closed = true
    }
  }
  return backend
}

export const SAMPLE_EVENT: LiveMessage = {
  type: 'event',
  kind: 'oom-kill',
  containerId: 'abc',
  containerName: 'web',
  at: '2026-01-01T00:00:00.000Z',
  message: 'killed',
  detail: {}
}
