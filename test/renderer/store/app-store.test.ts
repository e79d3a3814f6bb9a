import { describe, expect, it } from 'vitest'
import { createAppStore } from '../../../renderer/store/app-store'
import { variedSnapshot, containerId } from '../support/fixture'

describe('the app store', () => {
  it('is built from slices and ingests through its data slice', () => {
    const store = createAppStore()
    const snapshot = variedSnapshot()
    store.getState().ingest({ type: 'snapshot', snapshot })
    expect(store.getState().snapshot).toBe(snapshot)
    expect(store.getState().phase).toBe('loading')
    expect(store.getState().view).toBe('namespaces')
  })
  it('each store is fresh', () => {
    createAppStore().getState().setView('security')
    expect(createAppStore().getState().view).toBe('namespaces')
  })
  it('selecting another container forgets the selected process; hovering the same namespace changes nothing', () => {
    const store = createAppStore()
    const s = variedSnapshot()
    store.getState().selectContainer(containerId(s, 'web'))
    store.getState().selectProcess('8151:213200')
    store.getState().selectContainer(containerId(s, 'web'))
    expect(store.getState().selectedProcessKey).toBe('8151:213200')
    store.getState().selectContainer(containerId(s, 'batch'))
    expect(store.getState().selectedProcessKey).toBeNull()
    store.getState().hoverNamespace('net:1')
    const before = store.getState()
    store.getState().hoverNamespace('net:1')
    expect(store.getState()).toBe(before)
  })
  it('resetData clears the data but not the choices', () => {
    const store = createAppStore()
    store.getState().ingest({ type: 'snapshot', snapshot: variedSnapshot() })
    store.getState().setTheme('dark')
    store.getState().resetData()
    expect(store.getState().snapshot).toBeNull()
    expect(store.getState().theme).toBe('dark')
  })
})
