// Who may call the contract over IPC: the main frame of a window this app created, showing our
// own page. A subframe, another webContents, or a frame that navigated elsewhere is refused.
import type { IpcMainInvokeEvent } from 'electron'

export interface SenderFacts {
  webContentsId: number
  /** null when the frame is gone (navigated away or destroyed) by the time we look. */
  frameUrl: string | null
  isMainFrame: boolean
}

export interface SenderPolicy {
  isOurWindow: (webContentsId: number) => boolean
  isRendererUrl: (url: string) => boolean
}

export function senderFacts(event: IpcMainInvokeEvent): SenderFacts {
  try {
    const frame = event.senderFrame
    const main = event.sender.mainFrame
    const isMainFrame =
      frame !== null && frame.parent === null && frame.frameTreeNodeId === main.frameTreeNodeId && frame.processId === main.processId
    return { webContentsId: event.sender.id, frameUrl: frame?.url ?? null, isMainFrame }
  } catch {
    return { webContentsId: -1, frameUrl: null, isMainFrame: false }
  }
}

export function isTrustedSender(facts: SenderFacts, policy: SenderPolicy): boolean {
  return facts.isMainFrame && facts.frameUrl !== null && policy.isOurWindow(facts.webContentsId) && policy.isRendererUrl(facts.frameUrl)
}
