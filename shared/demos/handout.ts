// The handout of a demo: one HTML file with the concept, each step's question, the commands it ran and
// what they printed, the picture of the view it pointed at, what happened and a line to try. Every
// text is escaped; pictures are embedded as data: images, so the file carries no markup of ours beyond this.
import type { DemoListing, StepResult } from './types'

export interface HandoutStep {
  result: StepResult
  /** The view's picture as SVG text, or null when none was taken. */
  svg: string | null
  /** A view drawn as HTML (tables: the Swarm view) has no SVG: its text, as the page laid it out. */
  viewText?: string | null
}

export function handoutHtml(demo: DemoListing, steps: ReadonlyArray<HandoutStep | undefined>, meta: { host: string; at: string }): string {
  const body = demo.steps
    .map((step, i) => {
      const ran = steps[i]
      const commands = ran
        ? ran.result.actions
            .map((a) => `<pre><code>$ ${escapeHtml(a.command)}${a.output.trim() ? `\n${escapeHtml(a.output.trimEnd())}` : ''}${a.exitCode ? `\n(exit code ${a.exitCode})` : ''}</code></pre>`)
            .join('\n')
        : step.commands.map((c) => `<pre><code>$ ${escapeHtml(c)}</code></pre>`).join('\n')
      const caption = `<figcaption>${escapeHtml(step.look.what)}</figcaption>`
      const picture = ran?.svg
        ? `<figure><img alt="${escapeHtml(step.look.what)}" src="data:image/svg+xml;base64,${base64(ran.svg)}">${caption}</figure>`
        : ran?.viewText
          ? `<figure><pre class="view">${escapeHtml(ran.viewText)}</pre>${caption}</figure>`
          : ''
      return `<section>
<h2>Step ${i + 1}: ${escapeHtml(step.title)}</h2>
<p class="q"><b>Predict:</b> ${escapeHtml(step.predict)}</p>
${commands}
${picture}
<p><b>What happened:</b> ${escapeHtml(step.reveal)}</p>
<p><b>Try it yourself:</b> <code>${escapeHtml(step.tryIt)}</code></p>
</section>`
    })
    .join('\n')
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">
<title>${escapeHtml(demo.title)}</title>
<style>
body { font: 16px/1.5 system-ui, sans-serif; max-width: 60em; margin: 2em auto; padding: 0 1em; color: #111; }
pre { background: #10151c; color: #f4f6f8; padding: .6em .8em; border-radius: 6px; white-space: pre-wrap; }
code { font-family: ui-monospace, monospace; }
figure { margin: 1em 0; } figure img { max-width: 100%; border: 1px solid #ccc; }
pre.view { background: #f4f6f8; color: #111; border: 1px solid #ccc; }
.q { border-left: 4px solid #0b57d0; padding-left: .6em; }
footer { color: #555; font-size: .9em; margin-top: 3em; }
</style>
</head>
<body>
<h1>${escapeHtml(demo.title)}</h1>
<p>${escapeHtml(demo.concept)}</p>
${body}
<footer>Run on ${escapeHtml(meta.host)} at ${escapeHtml(meta.at)} with Glasshouse (glasshouse demo run ${escapeHtml(demo.id)}). Cleanup: ${escapeHtml(demo.cleanup)}</footer>
</body>
</html>
`
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;')
}

function base64(text: string): string {
  const bytes = new TextEncoder().encode(text)
  let binary = ''
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return btoa(binary)
}
