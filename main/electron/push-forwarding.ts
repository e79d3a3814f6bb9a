// Backend pushes → every window of ours that still shows our page, on the contract's channel.
import { BACKEND_PUSH_CHANNELS } from '../../shared/contract'
import type { PushSource } from '../backend/backend'

export interface PushTarget {
  send(channel: string, payload: unknown): void
  isDestroyed(): boolean
  getURL(): string
}

/** Returns the function that stops forwarding. */
export function forwardPushes(push: PushSource, targets: () => Iterable<PushTarget>, showsOurPage: (url: string) => boolean): () => void {
  const stops = BACKEND_PUSH_CHANNELS.map((channel) =>
    push.subscribe(channel, (payload) => {
      for (const target of targets()) {
        if (!target.isDestroyed() && showsOurPage(target.getURL())) target.send(channel, payload)
      }
    })
  )
  return () => {
    for (const stop of stops) stop()
  }
}
