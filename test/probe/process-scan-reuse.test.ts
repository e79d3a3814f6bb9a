// A slow refresh reuses what the last scan read about processes that did not change.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { spawn } from 'node:child_process'
import { afterAll, describe, expect, it } from 'vitest'
import { scanProcesses } from '../../main/probe/process-scan'
import { processKey } from '../../shared/identity'
import { V1_HOST } from './support/paths'

const dirs: string[] = []
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
})

function copyOfFixture(): string {
  const dir = mkdtempSync(join(tmpdir(), 'glasshouse-proc-'))
  dirs.push(dir)
  cpSync(V1_HOST, dir, { recursive: true, verbatimSymlinks: true })
  return dir
}

const CONTAINER_INIT = 8495

describe('scanProcesses with known processes', () => {
  it('takes an unchanged process from the last scan without reading its status again', () => {
    const root = copyOfFixture()
    const first = scanProcesses(root)
    const known = new Map(first.processes.map((p) => [processKey(p), p]))
    // Change what status says; stat (start time and command) stays: the known record is kept.
    const statusPath = join(root, String(CONTAINER_INIT), 'status')
    writeFileSync(statusPath, readFileSync(statusPath, 'utf8').replace(/^CapEff:.*$/m, 'CapEff:\t0000000000000000'))
    const reused = scanProcesses(root, known).processes.find((p) => p.pid === CONTAINER_INIT)
    expect(reused?.capabilities.effective.length).toBe(14)
    // Without known processes the change is read.
    expect(scanProcesses(root).processes.find((p) => p.pid === CONTAINER_INIT)?.capabilities.effective).toEqual([])
  })

  it('reads a process again when its command changed (an exec)', () => {
    const root = copyOfFixture()
    const known = new Map(scanProcesses(root).processes.map((p) => [processKey(p), p]))
    const statusPath = join(root, String(CONTAINER_INIT), 'status')
    writeFileSync(statusPath, readFileSync(statusPath, 'utf8').replace(/^CapEff:.*$/m, 'CapEff:\t0000000000000000'))
    const statPath = join(root, String(CONTAINER_INIT), 'stat')
    writeFileSync(statPath, readFileSync(statPath, 'utf8').replace('(sleep)', '(su)'))
    const reread = scanProcesses(root, known).processes.find((p) => p.pid === CONTAINER_INIT)
    expect(reread?.comm).toBe('su')
    expect(reread?.capabilities.effective).toEqual([])
  })

  it('on the real /proc: new processes are read, exited ones are gone, known ones keep their fields', async () => {
    const before = scanProcesses('/proc')
    const known = new Map(before.processes.map((p) => [processKey(p), p]))
    const child = spawn('sleep', ['30'], { stdio: 'ignore' })
    try {
      await new Promise((r) => setTimeout(r, 50))
      const after = scanProcesses('/proc', known)
      const mine = after.processes.find((p) => p.pid === process.pid)
      expect(mine?.namespaces).toEqual(before.processes.find((p) => p.pid === process.pid)?.namespaces)
      const fresh = after.processes.find((p) => p.pid === child.pid)
      expect(fresh?.comm).toBe('sleep')
      expect(fresh?.namespaces.pid).not.toBeNull()
    } finally {
      child.kill()
    }
  })
})
