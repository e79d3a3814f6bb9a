// Renders the whole app against a mock bridge and waits until the session has settled.
import { render, screen, waitFor, type RenderResult } from '@testing-library/react'
import { expect } from 'vitest'
import { App } from '../../../renderer/app'
import { Session } from '../../../renderer/connection/session'
import { createAppStore, StoreContext, type AppStore } from '../../../renderer/store/app-store'
import type { HostSnapshot } from '../../../shared/model'
import { createBridgeMock, type BridgeMock, type BridgeMockOptions } from './bridge-mock'
import { variedSnapshot } from './fixture'
import { syntheticRecording } from './synthetic-live'

export interface Rendered extends RenderResult {
  store: AppStore
  bridge: BridgeMock
  session: Session
  snapshot: HostSnapshot
}

export async function renderApp(options: Partial<BridgeMockOptions> & { carrier?: 'electron' | 'serve'; hash?: string } = {}): Promise<Rendered> {
  const snapshot = options.snapshot ?? variedSnapshot()
  const bridge = createBridgeMock({ recordings: [syntheticRecording(snapshot, 20)], ...options, snapshot })
  const store = createAppStore()
  window.history.replaceState(null, '', `/${options.hash ?? ''}`)
  const session = new Session(store, { bridge, carrier: options.carrier ?? 'serve', onLinkChange: null }, { clock: { setTimeout: () => 0, clearTimeout: () => {} } })
  const result = render(<App store={store} session={session} />)
  await session.start()
  await waitFor(() => expect(store.getState().phase).not.toBe('loading'))
  return { ...result, store, bridge, session, snapshot }
}

/** Renders one component with a store already holding the fixture snapshot. */
export function renderWithStore(ui: React.ReactElement, store: AppStore = storeWith(variedSnapshot())): RenderResult & { store: AppStore } {
  return { ...render(<StoreContext.Provider value={store}>{ui}</StoreContext.Provider>), store }
}

export function storeWith(snapshot: HostSnapshot): AppStore {
  const store = createAppStore()
  store.getState().ingest({ type: 'snapshot', snapshot })
  store.getState().setPhase('ready')
  return store
}

export { screen }
