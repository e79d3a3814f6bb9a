// The handout is one self-contained HTML file: every step with its question, commands, output,
// picture and answer; nothing from a container (names, output) can become markup.
import { describe, expect, it } from 'vitest'
import { handoutHtml } from '../../shared/demos/handout'
import { DEMOS, listing } from '../../shared/demos/index'

describe('the handout', () => {
  const demo = listing(DEMOS.find((d) => d.id === 'cap-drop-all')!)
  const html = handoutHtml(
    demo,
    [
      {
        result: { demoId: demo.id, step: 0, actions: [{ command: demo.steps[0]!.commands[1]!, exitCode: 0, output: '<script>alert(1)</script>\n' }], containers: {}, notes: [], asExpected: true },
        svg: '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><text>é</text></svg>'
      }
    ],
    { host: 'vm', at: '2026-12-07T08:00:00Z' }
  )

  it('holds every step, with the output of those that ran and the commands of the others', () => {
    for (const step of demo.steps) {
      expect(html).toContain(step.predict.replace(/'/g, '&#39;').replace(/"/g, '&quot;'))
      expect(html).toContain(step.reveal.replace(/'/g, '&#39;').replace(/"/g, '&quot;'))
    }
    expect(html).toContain('$ docker exec gh-cap-drop-all-default')
    expect(html).toContain('$ docker run -d --name gh-cap-drop-all-nocaps')
  })

  it('escapes output and embeds the picture as a data: image under a CSP that allows nothing else', () => {
    expect(html).not.toContain('<script>')
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    const src = /src="data:image\/svg\+xml;base64,([^"]+)"/.exec(html)?.[1]
    expect(new TextDecoder().decode(Uint8Array.from(atob(src!), (c) => c.charCodeAt(0)))).toContain('<text>é</text>')
    expect(html).toContain(`content="default-src 'none'; img-src data:; style-src 'unsafe-inline'"`)
  })

  it('gives a view without a picture (the Swarm view’s tables) as its text, escaped', () => {
    const withText = handoutHtml(
      demo,
      [{ result: { demoId: demo.id, step: 0, actions: [], containers: {}, notes: [], asExpected: true }, svg: null, viewText: 'secret\t/run/secrets/<db>\tuid 0' }],
      { host: 'vm', at: '2026-12-07T08:00:00Z' }
    )
    expect(withText).toContain('<pre class="view">secret\t/run/secrets/&lt;db&gt;\tuid 0</pre>')
    expect(withText).not.toContain('<img ')
  })
})
