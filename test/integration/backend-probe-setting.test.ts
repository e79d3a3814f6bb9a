// The app's probe setting through the backend, on the real daemon: probe:set restarts the live session
// with the new kernel source (a helper container starts; going back to local removes it), the page gets
// a fresh snapshot saying how it was read, and a change that cannot be made (an image the user has not
// allowed to be pulled) leaves the running session as it was and says why.
import { afterAll, describe, expect, it } from 'vitest'
import type { LiveMessage } from '../../shared/live'
import type { HostSnapshot } from '../../shared/model'
import type { Backend } from '../../main/backend/backend'
import { createBackend } from '../../main/backend/create-backend'
import { BUILT_HELPER, assertHelperBuilt, helpersOwnedBy } from './support/helpers-left'

let backend: Backend | null = null

afterAll(async () => {
  await backend?.close()
  expect(await helpersOwnedBy(process.pid)).toEqual([])
}, 30_000)

describe('probe:set', () => {
  it('restarts the live session with the chosen kernel source, and keeps it when a change cannot be made', async () => {
    assertHelperBuilt()
    const absent = `127.0.0.1:1/glasshouse-test/absent-helper:${process.pid}`
    backend = await createBackend({ env: process.env, carrier: 'serve', version: 'test', probe: 'local', helperImage: {}, helperScript: BUILT_HELPER })
    const snapshots: HostSnapshot[] = []
    backend.push.subscribe('live:message', (m: LiveMessage) => {
      if (m.type === 'snapshot') snapshots.push(m.snapshot)
    })
    expect((await backend.handlers['probe:get']()).setting).toBe('local')
    expect((await backend.handlers['snapshot:get']()).kernelReadBy?.source).toBe('in-process')

    const helper = await backend.handlers['probe:set']('helper', false)
    expect(helper).toMatchObject({ setting: 'helper' })
    expect(helper.problem).toBeUndefined()
    expect(helper.helperCommand).toContain('--cap-add SYS_PTRACE')
    expect(snapshots.at(-1)?.kernelReadBy).toMatchObject({ source: 'helper', reason: '--probe helper' })
    expect((await backend.handlers['snapshot:get']()).kernelReadBy?.source).toBe('helper')
    expect(await helpersOwnedBy(process.pid)).toHaveLength(1)

    const local = await backend.handlers['probe:set']('local', false)
    expect(local.setting).toBe('local')
    expect(snapshots.at(-1)?.kernelReadBy?.source).toBe('in-process')
    expect(await helpersOwnedBy(process.pid)).toEqual([])
    await backend.close()

    // A configured image the daemon lacks: not pulled without consent; the local session runs on.
    backend = await createBackend({ env: process.env, carrier: 'serve', version: 'test', probe: 'local', helperImage: { configuredImage: absent }, helperScript: BUILT_HELPER })
    const refused = await backend.handlers['probe:set']('helper', false)
    expect(refused.setting).toBe('local')
    expect(refused.problem).toEqual({ message: expect.stringContaining(`the helper image ${absent} is not on the daemon`), pullImage: absent })
    expect(refused.helperCommand).toContain(absent)
    expect((await backend.handlers['snapshot:get']()).kernelReadBy?.source).toBe('in-process')
    // Allowed: the pull is said on probe:progress, then the daemon's own refusal (nothing listens on
    // loopback port 1), and still the local session.
    const progress: string[] = []
    backend.push.subscribe('probe:progress', ({ line }: { line: string }) => progress.push(line))
    const failed = await backend.handlers['probe:set']('helper', true)
    expect(failed.setting).toBe('local')
    expect(failed.problem?.message).toMatch(/could not pull the helper image/)
    expect(progress).toEqual([`pulling the helper image ${absent}`])
    expect(await helpersOwnedBy(process.pid)).toEqual([])
  }, 60_000)
})
