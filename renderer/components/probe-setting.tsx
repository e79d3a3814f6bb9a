// The probe setting (issue 10): how the live host's kernel is read — auto, this process (local), or a
// helper container next to the containers. A change restarts the live session the new way; a helper
// image the daemon lacks is pulled only after the user allows it here. The helper's equivalent
// `docker run` command is shown to copy, so what runs with SYS_PTRACE can be audited.
import { useEffect, useRef, useState } from 'react'
import type { ProbeSetting, ProbeState } from '../../shared/contract'
import { useSession } from '../session-context'
import { useApp } from '../store/app-store'

const CHOICES: Array<{ value: ProbeSetting; label: string; detail: string }> = [
  { value: 'auto', label: 'Auto', detail: 'this process when it is root on the daemon’s own kernel, else a helper container' },
  { value: 'local', label: 'This process', detail: 'reads /proc and /sys/fs/cgroup itself: complete only as root on the daemon’s kernel' },
  { value: 'helper', label: 'Helper container', detail: 'a container next to the containers reads their kernel (Docker Desktop’s VM too)' }
]

export function ProbeSettingControl(): React.JSX.Element | null {
  const session = useSession()
  const live = useApp((s) => s.source.kind === 'live')
  const [open, setOpen] = useState(false)
  const [state, setState] = useState<ProbeState | null>(null)
  const [pending, setPending] = useState<ProbeSetting | null>(null)
  const [failure, setFailure] = useState<string | null>(null)
  const [copied, setCopied] = useState(false)
  const [progress, setProgress] = useState<string | null>(null)
  const panel = useRef<HTMLDivElement>(null)

  useEffect(() => {
    if (!open || !session) return
    panel.current?.focus()
    let current = true
    void session.bridge.invoke('probe:get').then((r) => {
      if (!current) return
      if (r.ok) setState(r.value)
      else setFailure(r.error.message)
    })
    return () => {
      current = false
    }
  }, [open, session])

  useEffect(() => {
    if (!open || !session) return
    // The helper image's pull progress, while the user's allowed pull runs.
    return session.bridge.subscribe('probe:progress', ({ line }) => setProgress(line))
  }, [open, session])

  if (!session || !live) return null

  const choose = async (setting: ProbeSetting, allowPull = false): Promise<void> => {
    setPending(setting)
    setFailure(null)
    setProgress(null)
    const r = await session.bridge.invoke('probe:set', setting, allowPull)
    setPending(null)
    if (r.ok) setState(r.value)
    else setFailure(r.error.message)
  }
  const copy = async (): Promise<void> => {
    if (!state) return
    try {
      await navigator.clipboard.writeText(state.helperCommand)
      setCopied(true)
    } catch {
      setFailure('The clipboard refused the text: select the command and copy it by hand.')
    }
  }

  return (
    <>
      <button
        type="button"
        className="link status-line__probe"
        aria-label={`Kernel probe${state ? `: ${CHOICES.find((c) => c.value === state.setting)?.label ?? state.setting}` : ''}`}
        title="How the kernel is read: change it, see the helper's docker run command"
        aria-expanded={open}
        aria-controls="probe-setting-panel"
        onClick={() => setOpen(!open)}
      >
        (change)
      </button>
      {open && (
        <div
          id="probe-setting-panel"
          className="limit-panel probe-panel"
          role="dialog"
          aria-label="How the kernel is read"
          tabIndex={-1}
          ref={panel}
          onKeyDown={(e) => {
            if (e.key === 'Escape') setOpen(false)
          }}
        >
          <div className="limit-panel__head">
            <h2>How the kernel is read</h2>
            <button type="button" className="link" onClick={() => setOpen(false)} aria-label="Close the probe setting">
              ✕
            </button>
          </div>
          <fieldset className="probe-panel__choices" disabled={pending !== null || state === null}>
            <legend className="muted">Changing it restarts the live view</legend>
            {CHOICES.map((c) => (
              <label key={c.value} className="probe-panel__choice">
                <input type="radio" name="probe-setting" value={c.value} checked={(pending ?? state?.setting) === c.value} onChange={() => void choose(c.value)} />
                <span>
                  <strong>{c.label}</strong> <span className="muted">— {c.detail}</span>
                </span>
              </label>
            ))}
          </fieldset>
          {pending && <p role="status">Restarting the live view with {CHOICES.find((c) => c.value === pending)?.label.toLowerCase()}…</p>}
          {progress && (
            <p className="muted" data-testid="probe-progress">
              {progress}
            </p>
          )}
          {state?.problem && (
            <div className="probe-panel__problem" role="alert">
              <p>Not changed: {state.problem.message}</p>
              {state.problem.pullImage && (
                <button type="button" onClick={() => void choose('helper', true)} disabled={pending !== null}>
                  Allow pulling {state.problem.pullImage.replace(/@sha256:[0-9a-f]{64}$/, '')} and use the helper
                </button>
              )}
            </div>
          )}
          {failure && <p role="alert">{failure}</p>}
          {state && (
            <>
              <div className="probe-panel__command-head">
                <h3>The helper container, as a docker run command</h3>
                <button type="button" onClick={() => void copy()}>
                  {copied ? 'Copied' : 'Copy'}
                </button>
              </div>
              <pre className="probe-panel__command" data-testid="helper-command" tabIndex={0}>
                {state.helperCommand}
              </pre>
            </>
          )}
        </div>
      )}
    </>
  )
}
