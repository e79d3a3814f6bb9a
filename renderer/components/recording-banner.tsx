// A banner no one can miss while a recording is shown: what it is, when it was recorded, why it
// is shown, the playback controls, and under it the time scrubber (and what is wrong with the file,
// when it is cut or corrupt). On a live host whose Docker is unreachable it offers the recording
// instead (RecordingOffer).
import { useSession } from '../session-context'
import { useApp } from '../store/app-store'
import { RecordingOffer } from './recording-offer'
import { TimeScrubber } from './scrubber/time-scrubber'

export function RecordingBanner(): React.JSX.Element | null {
  const source = useApp((s) => s.source)
  const playback = useApp((s) => s.playback)
  const session = useSession()
  if (source.kind === 'live') return <RecordingOffer />
  if (source.kind !== 'recording') return null
  const recorded = new Date(source.info.recordedAt)
  const at = Number.isNaN(recorded.getTime()) ? source.info.recordedAt : recorded.toLocaleString()
  const done = playback !== null && playback.position >= playback.total
  return (
    // One row of the shell's grid: the banner, then the time scrubber under it.
    <div className="recording-area">
      <section className="recording-banner" aria-label="Recording">
        <strong className="recording-banner__tag">▶ REPLAY of a recording — not live</strong>
        {/* Clamped to two lines: the whole text stays one hover away. */}
        <span className="recording-banner__text" title={[source.reason, source.info.description].filter(Boolean).join('\n\n')}>
          <b>{source.info.title}</b>, recorded {at}. {source.reason ? `${source.reason} ` : ''}
          <span className="recording-banner__description muted" title={source.info.description}>
            {source.info.description}
          </span>
        </span>
        {playback && (
          <span className="recording-banner__controls">
            {!done && (
              <button type="button" onClick={() => session?.showAll()}>
                Show all
              </button>
            )}
            <button type="button" onClick={() => session?.replay()}>
              Replay
            </button>
            {source.liveAvailable && (
              <button type="button" className="primary" onClick={() => void session?.goLive()}>
                Back to live
              </button>
            )}
          </span>
        )}
      </section>
      {source.info.fault && (
        <p className="recording-fault" role="alert">
          {source.info.fault}
        </p>
      )}
      <TimeScrubber />
    </div>
  )
}
