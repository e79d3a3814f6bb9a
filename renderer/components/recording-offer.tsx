// While Docker is unreachable but the kernel still shows containers, the live (kernel-only) view
// stays, and this banner offers the shipped recording: what the full picture looks like.
import { useEffect, useState } from 'react'
import type { RecordingInfo } from '../../shared/contract'
import { decideRecording } from '../connection/recording-decision'
import { useSession } from '../session-context'
import { useApp } from '../store/app-store'

export function RecordingOffer(): React.JSX.Element | null {
  const session = useSession()
  const engine = useApp((s) => s.snapshot?.engine)
  const containers = useApp((s) => s.snapshot?.containers)
  const decision = engine && containers ? decideRecording({ engine, containers }) : null
  const offered = decision?.kind === 'offer'
  const [recording, setRecording] = useState<RecordingInfo | null>(null)
  const [dismissed, setDismissed] = useState(false)

  useEffect(() => {
    if (!offered || !session || recording) return
    let cancelled = false
    void session.listRecordings().then((r) => {
      if (!cancelled && r.ok) setRecording(r.value[0] ?? null)
    })
    return () => {
      cancelled = true
    }
  }, [offered, session, recording])

  if (decision?.kind !== 'offer' || dismissed || !recording || !session) return null
  return (
    <section className="recording-offer" aria-label="Recording offered">
      <span className="recording-offer__text">
        {decision.reason} A recorded host shows the whole picture: <b>{recording.title}</b>.
      </span>
      <span className="recording-offer__controls">
        <button type="button" className="primary" onClick={() => void session.openRecording(recording.name, decision.reason)}>
          Open the recording
        </button>
        <button type="button" onClick={() => setDismissed(true)}>
          Dismiss
        </button>
      </span>
    </section>
  )
}
