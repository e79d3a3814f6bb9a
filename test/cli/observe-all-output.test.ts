// What `glasshouse observe --all` prints: the summary, most over-privileged first, then each container
// exactly as the one-container formatter prints it; and the arguments it refuses.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { runCli } from '../../main/cli/run'
import { formatAllObservations, type ContainerOutcome } from '../../main/observe/format-all-observations'
import { formatObservation } from '../../main/observe/format-observation'
import { allSummary } from '../../shared/observe/all-summary'
import type { Observation } from '../../shared/observe/observation'
import type { AllObservation } from '../../shared/observe/observe-all-result'
import { bitsOf, ObservationTally } from '../../shared/observe/observation-tally'
import { suggest } from '../../shared/observe/suggestion'
import { parseTraceLine } from '../../shared/observe/trace-event'

function observed(name: string, capBnd: string, lines: string[]): Observation {
  const tally = new ObservationTally(bitsOf(capBnd))
  for (const line of lines) {
    const event = parseTraceLine(line)
    if (event) tally.add(event)
  }
  return tally.result({ id: name.padEnd(64, '0'), name, capBnd, capEff: capBnd }, '2026-12-07T07:00:00.000Z', 5, true, [])
}

const captured = readFileSync('test/fixtures/trace/busybox-ping-chown-mkdir-6.18.txt', 'utf8').split('\n')
// busy: ping, chown and mkdir with Docker's default set; idle: the default set, nothing asked;
// lean: only NET_RAW held, and used.
const busy = observed('busy', 'a80425fb', captured)
const idle = observed('idle', 'a80425fb', [])
const lean = observed('lean', '2000', captured.filter((line) => / cap 13, ret 0/.test(line)))
const all: AllObservation = { startedAt: '2026-12-07T07:00:00.000Z', seconds: 5, observations: [busy, idle, lean], ignoredEvents: 0, notes: ['a window note'] }
const outcomes = new Map<string, ContainerOutcome>(all.observations.map((o) => [o.container.id, { suggestion: suggest(o, `${o.container.name}-seccomp.json`), verification: null }]))

describe('observe --all: summary and text', () => {
  it('sorts the summary by held-but-never-used, most first', () => {
    const rows = allSummary(all.observations)
    expect(rows.map((r) => r.name)).toEqual(['idle', 'busy', 'lean'])
    expect(rows[0]).toMatchObject({ uses: [], heldUnused: expect.arrayContaining(['CHOWN', 'NET_RAW']) })
    expect(rows[0]!.heldUnused).toHaveLength(14)
    expect(rows[1]!.uses).toEqual(['CHOWN', 'NET_RAW'])
    expect(rows[1]!.heldUnused).toHaveLength(12)
    expect(rows[1]!.denied).toContain('SYS_ADMIN')
    expect(rows[2]).toMatchObject({ uses: ['NET_RAW'], heldUnused: [] })
  })

  it('prints the table, then each container as observe <container> prints it', () => {
    const text = formatAllObservations(all, outcomes)
    expect(text).toContain('Observed 3 containers for 5.0 s')
    expect(text).toContain('note: a window note')
    const table = text.slice(text.indexOf('Summary'), text.indexOf('── '))
    expect(table).toMatch(/container +uses +holds but never used/)
    expect(table.indexOf('idle')).toBeLessThan(table.indexOf('busy'))
    expect(table.indexOf('busy')).toBeLessThan(table.indexOf('lean'))
    expect(table).toMatch(/busy +CHOWN NET_RAW +12: /)
    expect(table).toMatch(/lean +NET_RAW +none/)
    for (const o of all.observations) expect(text).toContain(formatObservation(o, outcomes.get(o.container.id)!.suggestion, null).trimEnd())
  })
})

function io() {
  const out = { stdout: '', stderr: '' }
  return { out, io: { stdout: (t: string) => void (out.stdout += t), stderr: (t: string) => void (out.stderr += t), env: {} } }
}

describe('observe --all: arguments', () => {
  it('takes no container name with --all', async () => {
    const { out, io: cliIo } = io()
    expect(await runCli(['observe', '--all', 'web'], cliIo)).toBe(2)
    expect(out.stderr).toContain('name none with it')
  })

  it('lists --all under --help', async () => {
    const { out, io: cliIo } = io()
    expect(await runCli(['observe', '--help'], cliIo)).toBe(0)
    expect(out.stdout).toContain('--all')
  })
})
