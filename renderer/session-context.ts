import { createContext, useContext } from 'react'
import type { Session } from './connection/session'

export const SessionContext = createContext<Session | null>(null)

/** The session, or null in component tests that render a view without one. */
export function useSession(): Session | null {
  return useContext(SessionContext)
}
