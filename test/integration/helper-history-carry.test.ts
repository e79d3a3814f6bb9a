// The app's probe change (local → helper → local) on the real daemon and kernel: the history a page
// gets (history:get) keeps the points recorded before the change, since both sessions read this one
// kernel, and goes on with the new session's points after them. No helper is left behind.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Backend } from '../../main/backend/backend'
import { createBackend } from '../../main/backend/create-backend'
import type { HistoryDump } from '../../shared/contract'
import { removeContainers, runContainer } from './support/docker'
import { BUILT_HELPER, assertHelperBuilt, helpersOwnedBy } from './support/helpers-left'

let backend: Backend | null = null
let id: string

beforeAll(() => {
  assertHelperBuilt()
  id = runContainer(`gh-carry-${process.pid}`, ['--memory', '64m'])
})

afterAll(async () => {
  await backend?.close()
  removeContainers([id])
  expect(await helpersOwnedBy(process.pid)).toEqual([])
}, 30_000)

async function historyOf(): Promise<HistoryDump> {
  return backend!.handlers['history:get']()
}

/** Waits until this container's series holds more than `count` points. */
async function morePoints(count: number): Promise<string[]> {
  let series: string[] = []
  const deadline = Date.now() + 20_000
  for (;;) {
    series = ((await historyOf()).containers[id] ?? []).map((p) => p.at)
    if (series.length > count) return series
    if (Date.now() > deadline) throw new Error(`timed out waiting for more than ${count} points of ${id.slice(0, 12)}`)
    await new Promise((r) => setTimeout(r, 100))
  }
}

describe('a probe change on the same kernel', () => {
  it('keeps the recorded history and goes on after it, through the helper and back', async () => {
    backend = await createBackend({ env: process.env, carrier: 'serve', version: 'test', probe: 'local', helperImage: {}, helperScript: BUILT_HELPER, intervalMs: 250 })
    const before = await morePoints(2)

    expect((await backend.handlers['probe:set']('helper', false)).problem).toBeUndefined()
    expect((await backend.handlers['snapshot:get']()).kernelReadBy?.source).toBe('helper')
    const throughHelper = await morePoints(before.length + 1)
    expect(throughHelper.slice(0, before.length)).toEqual(before)
    // One series in time order: no point twice from the moment both sessions sampled.
    expect([...throughHelper].sort()).toEqual(throughHelper)
    expect(new Set(throughHelper).size).toBe(throughHelper.length)

    await backend.handlers['probe:set']('local', false)
    const back = await morePoints(throughHelper.length)
    expect(back.slice(0, throughHelper.length)).toEqual(throughHelper)
    expect(await helpersOwnedBy(process.pid)).toEqual([])
  }, 60_000)
})
