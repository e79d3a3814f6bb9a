// Loading and error screens that say what is happening and what to do next.
import type { AppError } from '../store/source-slice'

export function LoadingScreen(): React.JSX.Element {
  return (
    <div className="state-screen" role="status" aria-live="polite">
      <h2>Reading the host…</h2>
      <p className="muted">Glasshouse is asking the kernel (/proc, /sys/fs/cgroup) and the Docker daemon what runs here. This takes a moment.</p>
    </div>
  )
}

export function ErrorScreen({ error, onRetry }: { error: AppError; onRetry?: () => void }): React.JSX.Element {
  return (
    <div className="state-screen state-screen--error" role="alert">
      <h2>{error.title}</h2>
      <p>{error.detail}</p>
      <p>
        <b>What to do:</b> {error.hint}
      </p>
      {onRetry && (
        <button type="button" className="primary" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  )
}

/** Inside a view: nothing selected, or the selected container is not running. */
export function EmptyNote({ children }: { children: React.ReactNode }): React.JSX.Element {
  return <div className="empty-note">{children}</div>
}
