// The time scrubber under the recording banner: play/pause, a slider over the recording's time with
// a mark where each event happened, and the moment shown. Dragging it shows every view as it was
// then (the session seeks the player: snapshot and patches up to then, samples and events up to then).
import { formatOffset } from '../../../shared/recording-state'
import { useSession } from '../../session-context'
import { useApp } from '../../store/app-store'
import { markTone } from './mark-tone'

export function TimeScrubber(): React.JSX.Element | null {
  const playback = useApp((s) => s.playback)
  const session = useSession()
  if (!playback || playback.durationMs === undefined || playback.elapsedMs === undefined) return null
  const { durationMs, elapsedMs, playing } = playback
  const done = playback.position >= playback.total && elapsedMs >= durationMs
  const share = (ms: number): string => `${durationMs > 0 ? (100 * ms) / durationMs : 0}%`
  return (
    <section className="time-scrubber" aria-label="Time scrubber">
      {playing ? (
        <button type="button" onClick={() => session?.pause()}>
          Pause
        </button>
      ) : (
        <button type="button" onClick={() => (done ? session?.seek(0) : undefined, session?.resume())} disabled={durationMs === 0}>
          Play
        </button>
      )}
      <span className="mono time-scrubber__at" aria-label="playback position">
        {formatOffset(elapsedMs)} / {formatOffset(durationMs)}
      </span>
      <span className="time-scrubber__track">
        <span className="time-scrubber__marks" aria-hidden="true">
          {(playback.marks ?? []).map((m, i) => (
            <span key={i} className={`time-scrubber__mark time-scrubber__mark--${markTone(m.kind)}`} style={{ left: share(m.offsetMs) }} title={`${m.kind} at ${formatOffset(m.offsetMs)}`} />
          ))}
        </span>
        <input
          type="range"
          aria-label="Recording time"
          aria-valuetext={`${formatOffset(elapsedMs)} of ${formatOffset(durationMs)}`}
          min={0}
          max={durationMs}
          step={100}
          value={elapsedMs}
          onChange={(e) => session?.seek(Number(e.currentTarget.value))}
        />
      </span>
    </section>
  )
}
