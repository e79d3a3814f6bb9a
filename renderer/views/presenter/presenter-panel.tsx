// The demo beside the view in presenter mode: the steps, what the last step ran and what it showed,
// then the question for the next one (predict first, reveal after). Large type, high contrast.
import './presenter.css'
import type { DemoListing, StepResult } from '../../../shared/demos/types'
import { VIEW_LABELS } from '../../../shared/views'
import { useSession } from '../../session-context'
import { useApp, useAppStore } from '../../store/app-store'
import { FocusFacts } from './focus-facts'
import { saveHandout } from './presenter-actions'

const MAX_OUTPUT_LINES = 8

export function PresenterPanel(): React.JSX.Element | null {
  const presenter = useApp((s) => s.presenter)
  const store = useAppStore()
  const session = useSession()
  if (!presenter) return null
  const { demo, shown, running, results, error, finished } = presenter
  const next = shown + 1
  const shownStep = shown >= 0 ? demo.steps[shown] : undefined
  const nextStep = demo.steps[next]
  return (
    <aside className="presenter" aria-label={`Demo: ${demo.title}`} data-testid="presenter">
      <header className="presenter__head">
        <h2 className="presenter__title" title={demo.title}>
          {demo.title}
        </h2>
        {/* Once a step is shown its heading and the next question's number the steps: the list gives its lines to them. */}
        {(shown < 0 || finished) && <StepList demo={demo} shown={shown} running={running} results={results} />}
      </header>
      <div className="presenter__body" aria-live="polite">
        {/* The step scrolls on its own when it is long; the next question sits below it, never over it. */}
        <div className="presenter__scroll">
          {shown < 0 && running === null && !error && <p className="presenter__concept">{demo.concept}</p>}
          {error && (
            <p className="presenter__error" role="alert">
              {error} <span className="presenter__hint">→ starts again from step 1.</span>
            </p>
          )}
          {shownStep && results[shown] && !finished && <Revealed step={shownStep} index={shown} result={results[shown]!} />}
          {running !== null && running < demo.steps.length && (
            <p className="presenter__running" role="status">
              Running step {running + 1}… <span className="presenter__hint">(the first demo builds its image from busybox; no registry)</span>
            </p>
          )}
        </div>
        {nextStep && running === null && !finished && (
          <section className="presenter__predict" data-testid="presenter-predict">
            <h3>
              Step {next + 1}: {nextStep.title}
            </h3>
            <p className="presenter__question">
              <span className="presenter__label">Predict</span> {nextStep.predict}
            </p>
            <p className="presenter__hint">→ or Space runs it</p>
          </section>
        )}
        {!nextStep && !finished && running === null && shown >= 0 && (
          <p className="presenter__hint presenter__end">→ ends the demo: {demo.cleanup}</p>
        )}
        {finished && (
          <section className="presenter__done" role="status">
            <h3>Done</h3>
            <p>{demo.cleanup} Nothing of the demo is left on the host.</p>
            <p className="presenter__hint">Escape leaves presenter mode · ← shows the last step again</p>
          </section>
        )}
      </div>
      <footer className="presenter__keys" aria-label="Keys">
        <kbd>←</kbd> back · <kbd>→</kbd>/<kbd>Space</kbd> next · <kbd>Esc</kbd> leave
        {results.some(Boolean) && (
          <button type="button" className="presenter__handout" onClick={() => void saveHandout(store, session ? { carrier: session.carrier, bridge: session.bridge } : null)} title="One HTML file: the steps, commands, output and pictures">
            Handout (h)
          </button>
        )}
      </footer>
    </aside>
  )
}

function StepList({ demo, shown, running, results }: { demo: DemoListing; shown: number; running: number | null; results: Array<StepResult | undefined> }): React.JSX.Element {
  return (
    <ol className="presenter__steps" aria-label="Steps">
      {demo.steps.map((step, i) => (
        <li
          key={i}
          className={`presenter__step${i === shown ? ' is-shown' : ''}${i === running ? ' is-running' : ''}${results[i] ? ' is-done' : ''}`}
          aria-current={i === shown ? 'step' : undefined}
        >
          {step.title}
        </li>
      ))}
    </ol>
  )
}

function Revealed({ step, index, result }: { step: DemoListing['steps'][number]; index: number; result: StepResult }): React.JSX.Element {
  return (
    <section className="presenter__revealed" data-testid="presenter-revealed">
      <h3>
        Step {index + 1}: {step.title}
      </h3>
      {result.notes.map((note) => (
        <p key={note} className="presenter__hint">
          {note}
        </p>
      ))}
      {result.actions.map((action, i) => (
        <pre key={i} className="presenter__command">
          <code>
            <span className="presenter__prompt">$ </span>
            {action.command}
            {clip(action.output) && `\n${clip(action.output)}`}
            {action.exitCode !== null && action.exitCode !== 0 && `\n(exit code ${action.exitCode})`}
          </code>
        </pre>
      ))}
      <p className="presenter__reveal">
        <span className="presenter__label">What happened</span> {step.reveal}
      </p>
      <p className="presenter__look">
        <span className="presenter__label">Look at</span> {VIEW_LABELS[step.look.view]}: {step.look.what}
      </p>
      {step.look.container && <FocusFacts view={step.look.view} />}
      <p className="presenter__try">
        <span className="presenter__label">Try it yourself</span> <code>{step.tryIt}</code>
      </p>
    </section>
  )
}

/** Long outputs cut to a few lines, and a new container's id left out: the picture is the point. */
function clip(output: string): string {
  const lines = output.trimEnd().split('\n').filter((line) => !/^[0-9a-f]{64}$/.test(line))
  const shownLines = lines.slice(0, MAX_OUTPUT_LINES)
  return lines.length > MAX_OUTPUT_LINES ? [...shownLines, `… ${lines.length - MAX_OUTPUT_LINES} more lines`].join('\n') : shownLines.join('\n')
}
