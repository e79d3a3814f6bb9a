import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { formatObservation } from '../../main/observe/format-observation'
import { runCli } from '../../main/cli/run'
import { bitsOf, ObservationTally } from '../../shared/observe/observation-tally'
import { suggest } from '../../shared/observe/suggestion'
import { parseTraceLine } from '../../shared/observe/trace-event'

function captured() {
  const tally = new ObservationTally(bitsOf('a80425fb'))
  for (const line of readFileSync('test/fixtures/trace/busybox-ping-chown-mkdir-6.18.txt', 'utf8').split('\n')) {
    const event = parseTraceLine(line)
    if (event) tally.add(event)
  }
  const observation = { ...tally.result({ id: 'f'.repeat(64), name: 'busy', capBnd: 'a80425fb', capEff: 'a80425fb' }, '2026-12-07T07:00:00.000Z', 4, true, ['a note']), syscallCounts: 'exact' as const }
  return { observation, suggestion: suggest(observation, 'busy-seccomp.json') }
}

function io() {
  const out = { stdout: '', stderr: '' }
  return { out, io: { stdout: (t: string) => void (out.stdout += t), stderr: (t: string) => void (out.stderr += t), env: {} } }
}

describe('glasshouse observe: the text it prints', () => {
  const { observation, suggestion } = captured()
  const text = formatObservation(observation, suggestion, { ok: false, expectedExitCode: 0, exitCode: 3, capAdd: ['CHOWN', 'NET_RAW'], summary: 'the copy exited with 3, the original with 0', logTail: '' })

  it('says held / used / denied / never asked per capability, and what another credential did', () => {
    expect(text).toMatch(/Capabilities: 14 held, 2 used, 1 asked but denied, 12 held but never asked/)
    expect(text).toMatch(/CAP_NET_RAW +held +used: 1 check granted/)
    expect(text).toMatch(/CAP_SYS_ADMIN +not held +asked, denied \d+ times .*it ran without it \[\+\d+ with another credential, not counted\]/)
    expect(text).toMatch(/CAP_KILL +held +never asked/)
    expect(text).toContain('note: a note')
  })

  it('prints the suggestion as evidence, with the diff and the verification', () => {
    expect(text).toContain('Suggestion (evidence from this window, to be checked):')
    expect(text).toContain('docker run --cap-drop ALL --cap-add CHOWN --cap-add NET_RAW --security-opt seccomp=busy-seccomp.json')
    expect(text).toMatch(/refused now, allowed by the default \(\d+\):/)
    expect(text).toMatch(/network +recvfrom sendto setsockopt socket/)
    expect(text).toContain('Verify: FAILED: the copy exited with 3, the original with 0')
  })
})

describe('glasshouse observe: arguments', () => {
  it('needs one container', async () => {
    const { out, io: cliIo } = io()
    expect(await runCli(['observe'], cliIo)).toBe(2)
    expect(out.stderr).toContain('name one container')
  })

  it('refuses a duration it cannot read', async () => {
    const { out, io: cliIo } = io()
    expect(await runCli(['observe', 'web', '--for', 'soon'], cliIo)).toBe(2)
    expect(out.stderr).toContain('--for takes a duration')
  })

  it('lists its options under --help', async () => {
    const { out, io: cliIo } = io()
    expect(await runCli(['observe', '--help'], cliIo)).toBe(0)
    expect(out.stdout).toContain('--verify')
    expect(out.stdout).toContain('--count-syscalls')
  })
})
