// What the presenter's keys do. Next runs the next step on the host (the one explicit action that
// starts containers), then shows its effect: the view it names, its container selected. Back shows the
// step before again (it does not undo). Leaving, or the end of the demo, removes the demo's containers.
import type { GlasshouseBridge } from '../../../shared/contract'
import { handoutHtml } from '../../../shared/demos/handout'
import { saveFile, type SaveOutcome } from '../../export/save-file'
import { serializeView } from '../../export/serialize-svg'
import type { AppStore } from '../../store/app-store'

/** Where an export goes: the carrier decides between the save dialog and a download. */
export type SaveTarget = Parameters<typeof saveFile>[1]

export async function presentNext(store: AppStore, bridge: GlasshouseBridge): Promise<void> {
  const presenter = store.getState().presenter
  if (!presenter || presenter.running !== null || presenter.finished) return
  const next = presenter.shown + 1
  takePicture(store)
  if (next >= presenter.demo.steps.length) {
    await finish(store, bridge)
    return
  }
  if (presenter.results[next]) {
    store.getState().updatePresenter({ shown: next, error: null })
    showEffect(store, next)
    return
  }
  const consent = presenter.demo.consent
  // A demo that changes the daemon beyond containers (a swarm) asks first, every time it starts.
  if (consent && next === 0 && !window.confirm(consent.text)) {
    store.getState().updatePresenter({ error: `Not started: ${consent.text}` })
    return
  }
  store.getState().updatePresenter({ running: next, error: null })
  const result = consent
    ? await bridge.invoke('demo:run-step', presenter.demo.id, next, consent.what)
    : await bridge.invoke('demo:run-step', presenter.demo.id, next)
  const now = store.getState().presenter
  if (!now || now.demo.id !== presenter.demo.id) return
  if (!result.ok) {
    // The backend removed the demo's containers: the demo starts again from its first step.
    store.getState().updatePresenter({ running: null, error: result.error.message, results: [], shown: -1 })
    return
  }
  const results = [...now.results]
  results[next] = result.value
  store.getState().updatePresenter({ running: null, results, shown: next })
  showEffect(store, next)
}

export function presentBack(store: AppStore): void {
  const presenter = store.getState().presenter
  if (!presenter || presenter.running !== null || presenter.shown < 0) return
  const shown = presenter.finished ? presenter.shown : presenter.shown - 1
  store.getState().updatePresenter({ shown, finished: false, error: null })
  if (shown >= 0) showEffect(store, shown)
}

/** Leaves presenter mode, removing the demo's containers first. */
export async function leavePresenter(store: AppStore, bridge: GlasshouseBridge): Promise<void> {
  const presenter = store.getState().presenter
  if (!presenter) return
  store.getState().stopPresenter()
  if (!presenter.finished && presenter.results.some(Boolean)) await bridge.invoke('demo:clean', presenter.demo.id)
}

async function finish(store: AppStore, bridge: GlasshouseBridge): Promise<void> {
  const presenter = store.getState().presenter
  if (!presenter) return
  takePicture(store)
  store.getState().updatePresenter({ running: presenter.demo.steps.length })
  const result = await bridge.invoke('demo:clean', presenter.demo.id)
  store.getState().updatePresenter({ running: null, finished: true, error: result.ok ? null : result.error.message })
}

/** The view a step names, with its container selected (the views highlight and centre the selection). */
function showEffect(store: AppStore, index: number): void {
  const s = store.getState()
  const step = s.presenter?.demo.steps[index]
  if (!step) return
  const role = step.look.container
  const id = role ? s.presenter?.results[index]?.containers[role] : undefined
  s.setView(step.look.view)
  if (id) s.selectContainer(id)
}

/** Keeps the picture of the view the shown step pointed at (once per step), for the handout. */
export function takePicture(store: AppStore): void {
  const presenter = store.getState().presenter
  if (!presenter || presenter.shown < 0 || presenter.pictures[presenter.shown] || presenter.viewTexts[presenter.shown]) return
  const root = document.querySelector('[data-export-root]')
  if (!root) return
  const css = getComputedStyle(document.documentElement)
  const picture = serializeView(root, {
    title: presenter.demo.steps[presenter.shown]?.look.what ?? presenter.demo.title,
    background: css.getPropertyValue('--bg').trim() || '#ffffff',
    textColor: css.getPropertyValue('--text').trim() || '#000000'
  })
  if (!picture) {
    const text = viewText(root)
    if (!text) return
    const viewTexts = [...presenter.viewTexts]
    viewTexts[presenter.shown] = text
    store.getState().updatePresenter({ viewTexts })
    return
  }
  const pictures = [...presenter.pictures]
  pictures[presenter.shown] = picture.text
  store.getState().updatePresenter({ pictures })
}

/** The most a view's text may take in the handout (a whole Swarm view of a busy host is long). */
const VIEW_TEXT_LIMIT = 4000

/**
 * The text of a view drawn without SVG: the part the step highlights (the selected task) if there is one,
 * else the whole view, as the browser lays it out (innerText: a table's cells by tabs, rows by lines).
 */
function viewText(root: Element): string | null {
  const part = root.querySelector('.is-selected') ?? root
  const text = ((part as HTMLElement).innerText ?? part.textContent ?? '').replace(/\n{3,}/g, '\n\n').trim()
  if (!text) return null
  return text.length > VIEW_TEXT_LIMIT ? `${text.slice(0, VIEW_TEXT_LIMIT)}\n…` : text
}

/**
 * The demo so far as one HTML file (steps, commands, output, pictures), saved as every export is: through
 * export:save (a save dialog) in the desktop app, as a download in a browser. Says where it went.
 */
export async function saveHandout(store: AppStore, target: SaveTarget | null): Promise<SaveOutcome | null> {
  takePicture(store)
  const s = store.getState()
  const presenter = s.presenter
  if (!presenter || !presenter.results.some(Boolean)) return null
  const html = handoutHtml(
    presenter.demo,
    presenter.results.map((result, i) => (result ? { result, svg: presenter.pictures[i] ?? null, viewText: presenter.viewTexts[i] ?? null } : undefined)),
    { host: s.snapshot?.host.hostname ?? 'this host', at: new Date().toISOString() }
  )
  const outcome = await saveFile({ suggestedName: `glasshouse-demo-${presenter.demo.id}.html`, mimeType: 'text/html', data: html, encoding: 'utf8' }, target)
  if (outcome.ok) s.showNotice(`Handout saved to ${outcome.where}`, { ms: 8000 })
  else s.showNotice(`The handout was not saved: ${outcome.message}`, { tone: 'alert', ms: 12_000 })
  return outcome
}
