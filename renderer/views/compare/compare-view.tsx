// Compare: what changed between two moments. With a recording open, A and B are two moments of it
// (sliders over its time, or "the moment shown" by the scrubber), or B is the live host now ("what
// changed since the last good run"). Live, A is a moment the user pinned and B is now, so "what
// changed after `docker update --memory`" is one pin and one look.
import { useMemo, useState } from 'react'
import type { LiveMessage } from '../../../shared/live'
import type { HostSnapshot } from '../../../shared/model'
import { formatOffset, messageOffsets, stateAt } from '../../../shared/recording-state'
import { diffSnapshots } from '../../../shared/selectors/snapshot-diff'
import { EmptyNote } from '../../components/state-screens'
import { ViewHeader } from '../../components/view-header'
import { useSnapshot } from '../../hooks/use-snapshot'
import { useSession } from '../../session-context'
import { useApp } from '../../store/app-store'
import { useComparePin } from './compare-pin'
import { DiffList } from './diff-list'

export function CompareView(): React.JSX.Element | null {
  const source = useApp((s) => s.source)
  const messages = source.kind === 'recording' ? source.messages : undefined
  const liveAvailable = source.kind === 'recording' && source.liveAvailable
  return (
    <div className="view-body">
      <ViewHeader
        title="Compare"
        lead="What changed between two moments: containers added and removed, and per container its limits, capabilities, namespaces, mounts and processes."
        concepts={[]}
      />
      {messages ? <RecordingCompare messages={messages} liveAvailable={liveAvailable} /> : <LiveCompare />}
    </div>
  )
}

function RecordingCompare({ messages, liveAvailable }: { messages: readonly LiveMessage[]; liveAvailable: boolean }): React.JSX.Element {
  const session = useSession()
  const offsets = useMemo(() => messageOffsets(messages), [messages])
  const duration = offsets.at(-1) ?? 0
  const shownAt = useApp((s) => s.playback?.elapsedMs ?? duration)
  const [a, setA] = useState(0)
  const [b, setB] = useState<number | null>(null)
  // B taken from the live host (one snapshot, asked for once): the recording against now.
  const [live, setLive] = useState<{ snapshot: HostSnapshot } | { error: string } | null>(null)
  const bAt = b ?? duration
  const chooseB = (value: number): void => {
    setLive(null)
    setB(value)
  }
  const takeLive = (): void => {
    void session?.bridge.invoke('snapshot:get').then((r) => setLive(r.ok ? { snapshot: r.value } : { error: r.error.message }))
  }
  const liveB = live && 'snapshot' in live ? live.snapshot : null
  const stateA = useMemo(() => stateAt(messages, a, offsets), [messages, a, offsets])
  const stateB = useMemo(() => stateAt(messages, bAt, offsets), [messages, bAt, offsets])
  const snapshotB = liveB ?? stateB?.snapshot ?? null
  const diff = useMemo(() => (stateA && snapshotB ? diffSnapshots(stateA.snapshot, snapshotB) : null), [stateA, snapshotB])
  const bLabel = liveB ? `the live host at ${new Date(liveB.takenAt).toLocaleTimeString()}` : formatOffset(bAt)
  return (
    <>
      <section className="panel compare-moments" aria-label="Moments compared">
        <MomentSlider label="A" value={a} max={duration} onChange={setA} onShown={() => setA(Math.round(shownAt))} />
        <MomentSlider label="B" value={bAt} max={duration} onChange={chooseB} onShown={() => chooseB(Math.round(shownAt))} replacedBy={liveB ? 'live host' : null} />
        {liveAvailable && (
          <p className="compare-live">
            <button type="button" aria-pressed={liveB !== null} onClick={takeLive}>
              B = the live host now
            </button>{' '}
            {liveB ? <span className="muted">B is the live host, read at {new Date(liveB.takenAt).toLocaleTimeString()}; move B to go back to the recording.</span> : null}
            {live && 'error' in live ? <span className="muted">The live host could not be read: {live.error}</span> : null}
          </p>
        )}
        {!liveB && a > bAt && <p className="muted">A is later than B: what is “added” was there at A and is gone by B, read the other way round.</p>}
      </section>
      <section className="panel" aria-labelledby="compare-result-title">
        <h3 id="compare-result-title">
          Changes from A ({formatOffset(a)}) to B ({bLabel})
        </h3>
        {diff ? <DiffList diff={diff} /> : <EmptyNote>The recording holds no snapshot at one of the two moments.</EmptyNote>}
      </section>
    </>
  )
}

/** replacedBy: what the moment is instead of a point of the recording (the live host): the slider is dimmed. */
function MomentSlider({
  label,
  value,
  max,
  onChange,
  onShown,
  replacedBy = null
}: {
  label: string
  value: number
  max: number
  onChange: (v: number) => void
  onShown: () => void
  replacedBy?: string | null
}): React.JSX.Element {
  return (
    <div className={`compare-moment${replacedBy ? ' compare-moment--replaced' : ''}`}>
      <span className="compare-moment__label">{label}</span>
      <input
        type="range"
        aria-label={`Moment ${label}`}
        aria-valuetext={`${formatOffset(value)} of ${formatOffset(max)}`}
        min={0}
        max={max}
        step={100}
        value={value}
        onChange={(e) => onChange(Number(e.currentTarget.value))}
      />
      <span className="mono compare-moment__at">{replacedBy ?? `${formatOffset(value)} / ${formatOffset(max)}`}</span>
      <button type="button" onClick={onShown}>
        {label} = moment shown
      </button>
    </div>
  )
}

function LiveCompare(): React.JSX.Element | null {
  const snapshot = useSnapshot()
  const { pinned, pin } = useComparePin()
  const diff = useMemo(() => (pinned && snapshot ? diffSnapshots(pinned, snapshot) : null), [pinned, snapshot])
  if (!snapshot) return null
  return (
    <>
      <section className="panel compare-moments" aria-label="Moments compared">
        <p>
          {pinned ? (
            <>
              A: the moment pinned at <b>{new Date(pinned.takenAt).toLocaleTimeString()}</b>. B: the live host now.
            </>
          ) : (
            'Pin this moment as A, change something (docker update, docker run …), and see here what changed since.'
          )}
        </p>
        <button type="button" className="primary" onClick={() => pin(snapshot)}>
          {pinned ? 'Pin again (A = now)' : 'Pin this moment as A'}
        </button>
        {pinned && (
          <button type="button" onClick={() => pin(null)}>
            Unpin
          </button>
        )}
      </section>
      {diff && (
        <section className="panel" aria-labelledby="compare-result-title">
          <h3 id="compare-result-title">Changes since the pinned moment</h3>
          <DiffList diff={diff} />
        </section>
      )}
    </>
  )
}
