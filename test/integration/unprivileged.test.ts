// The probe run as an unprivileged user (nobody) must still produce a snapshot: the kernel
// refuses /proc/<pid>/ns/* of other users' processes (EACCES), and that shows as null plus a
// reason, never as a crash. The built probe is copied somewhere nobody can read it.
import { execFile } from 'node:child_process'
import { chmodSync, cpSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { HostSnapshot } from '../../shared/model'
import { BUILT_MAIN, assertBuilt } from './support/cli'
import { inspect, removeContainers, runContainer } from './support/docker'

const run = promisify(execFile)
const NOBODY = 65534
const started: string[] = []
let dir: string
let pid: number

beforeAll(() => {
  assertBuilt()
  dir = mkdtempSync(join(tmpdir(), 'glasshouse-nobody-'))
  chmodSync(dir, 0o755)
  cpSync(BUILT_MAIN, join(dir, 'main'), { recursive: true })
  const id = runContainer(`gh-nobody-${process.pid}`, ['--pids-limit', '30'])
  started.push(id)
  pid = inspect(id).State.Pid
})
afterAll(() => {
  removeContainers(started)
  rmSync(dir, { recursive: true, force: true })
})

async function probeAsNobody(args: string[] = []): Promise<HostSnapshot> {
  const { stdout } = await run(
    'setpriv',
    [`--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups', process.execPath, join(dir, 'main', 'probe.js'), ...args],
    { maxBuffer: 256 * 1024 * 1024 }
  )
  return JSON.parse(stdout) as HostSnapshot
}

describe('the probe as nobody', () => {
  it('reads every process, with null namespaces and a "denied" reason for root-owned ones', async () => {
    const snapshot = await probeAsNobody()
    expect(snapshot.host.probeUid).toBe(NOBODY)
    const init = snapshot.processes.find((p) => p.pid === pid)
    expect(init).toBeDefined()
    expect(Object.values(init?.namespaces ?? {})).toEqual([null, null, null, null, null, null, null, null])
    expect(init?.problems).toContainEqual(expect.objectContaining({ field: 'namespaces', reason: 'denied' }))
    // status stays world-readable: capabilities and seccomp are still known.
    expect(init?.capabilities.effective).toContain('CAP_CHOWN')
    expect(init?.seccomp.mode).toBe('filter')
    expect(init?.nspid).toEqual([pid, 1])
  })

  it('still finds the container by its cgroup and reads its limits', async () => {
    const snapshot = await probeAsNobody()
    const c = snapshot.containers.find((x) => x.processes.includes(pid))
    expect(c?.source).toBe('cgroup')
    expect(c?.limits?.pidsMax).toBe(30)
  })

  it("reads its own processes' namespaces: the denial is per process, not global", async () => {
    const snapshot = await probeAsNobody()
    const own = snapshot.processes.filter((p) => p.uid === NOBODY && p.comm === 'node')
    expect(own.length).toBeGreaterThan(0)
    expect(own.some((p) => p.namespaces.pid !== null)).toBe(true)
  })
})
