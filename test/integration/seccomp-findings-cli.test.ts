// `snapshot --seccomp-filters` on the real daemon: the text summary and the JSON carry the seccomp
// findings of each container read. A container started with seccomp=unconfined is flagged; one with
// Docker's default profile gets none (its live filter blocks all that the default blocks); one with a
// custom profile that blocks only reboot is more permissive than the default (a live-filter check).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ContainerSeccompFindings } from '../../shared/selectors/seccomp-findings-summary'
import { glasshouse } from './support/cli'
import { removeContainers, runContainer } from './support/docker'

const started: string[] = []
const names = { standard: '', unconfined: '', permissive: '' }
let profileDir: string
let perContainer: ContainerSeccompFindings[] | undefined
let withoutFlag: Record<string, unknown>
let summary: string

beforeAll(async () => {
  const tag = `${process.pid}-${Date.now()}`
  names.standard = `gh-secfind-default-${tag}`
  names.unconfined = `gh-secfind-unconfined-${tag}`
  started.push(runContainer(names.standard, []))
  started.push(runContainer(names.unconfined, ['--security-opt', 'seccomp=unconfined']))
  profileDir = mkdtempSync(join(tmpdir(), 'glasshouse-secfind-'))
  const profile = join(profileDir, 'only-reboot.json')
  writeFileSync(profile, JSON.stringify({ defaultAction: 'SCMP_ACT_ALLOW', syscalls: [{ names: ['reboot'], action: 'SCMP_ACT_ERRNO', errnoRet: 1 }] }))
  names.permissive = `gh-secfind-permissive-${tag}`
  started.push(runContainer(names.permissive, ['--security-opt', `seccomp=${profile}`]))
  const json = JSON.parse((await glasshouse(['snapshot', '--json', '--seccomp-filters'])).stdout) as { seccompFindings?: ContainerSeccompFindings[] }
  perContainer = json.seccompFindings
  withoutFlag = JSON.parse((await glasshouse(['snapshot', '--json'])).stdout) as Record<string, unknown>
  summary = (await glasshouse(['snapshot', '--seccomp-filters'])).stdout
})

afterAll(() => {
  removeContainers(started)
  if (profileDir) rmSync(profileDir, { recursive: true, force: true })
})

const findingsOf = (name: string) => perContainer?.find((c) => c.name === name)?.findings

describe('seccomp findings from the live filters, in the CLI', () => {
  it('JSON: the unconfined container is flagged as having no filter, the default one has no finding', () => {
    expect(findingsOf(names.unconfined)?.map((f) => [f.kind, f.severity])).toEqual([['seccomp-disabled', 'high']])
    expect(findingsOf(names.standard)).toEqual([])
    const permissive = findingsOf(names.permissive) ?? []
    expect(permissive.map((f) => [f.kind, f.severity, f.live])).toEqual([['seccomp-custom-more-permissive', 'high', true]])
    expect(permissive[0]?.evidence).toMatch(/^live filter read from pid \d+ \(custom profile\); also allowed: .*\bmount\b/)
    // Only on request, like the filters themselves.
    expect('seccompFindings' in withoutFlag).toBe(false)
  })

  it('text: a findings block under the live filters, naming the unconfined container and not the default one', () => {
    const block = summary.slice(summary.indexOf('Seccomp findings'))
    expect(summary.indexOf('Seccomp findings')).toBeGreaterThan(summary.indexOf('Live seccomp filters'))
    expect(block).toMatch(new RegExp(`^  high   ${names.unconfined}: seccomp disabled\\. No system call filter`, 'm'))
    expect(block).toMatch(new RegExp(`^  high   ${names.permissive}: custom seccomp profile more permissive than the default\\.`, 'm'))
    expect(block).not.toMatch(new RegExp(`^  \\w+ +${names.standard}:`, 'm'))
  })
})
