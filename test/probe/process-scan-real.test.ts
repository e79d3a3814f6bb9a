// Against the real /proc of this machine: the probe must agree with what the kernel tells Node directly.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, statSync, symlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { once } from 'node:events'
import { afterEach, describe, expect, it } from 'vitest'
import { NAMESPACE_TYPES, type ProcessInfo } from '../../shared/model'
import { scanProcesses } from '../../main/probe/process-scan'
import type { ProcessScan } from '../../main/probe/types'
import { PRINT_SCAN, TSX_CLI } from './support/paths'

const children: ChildProcess[] = []
afterEach(async () => {
  for (const child of children.splice(0)) {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL')
      await once(child, 'exit')
    }
  }
})

function started(command: string, args: string[]): ChildProcess & { pid: number } {
  const child = spawn(command, args, { stdio: 'ignore' })
  children.push(child)
  if (child.pid === undefined) throw new Error(`could not start ${command}`)
  return child as ChildProcess & { pid: number }
}

const find = (pid: number): ProcessInfo | undefined => scanProcesses('/proc').processes.find((p) => p.pid === pid)

describe('scanProcesses on the real /proc', () => {
  it('finds this test process with the ppid, comm, NSpid and namespace inodes the kernel gives', () => {
    const self = find(process.pid)
    expect(self).toBeDefined()
    expect(self).toMatchObject({
      ppid: process.ppid,
      comm: readFileSync('/proc/self/comm', 'utf8').replace(/\n$/, ''),
      state: 'R',
      uid: process.getuid?.(),
      nspid: [process.pid],
      problems: []
    })
    for (const type of NAMESPACE_TYPES) {
      expect(self?.namespaces[type], type).toBe(statSync(`/proc/self/ns/${type}`).ino)
    }
    const uptimeTicks = Number(readFileSync('/proc/uptime', 'utf8').split(' ')[0]) * 100
    expect(self?.startTicks).toBeGreaterThan(0)
    expect(self?.startTicks).toBeLessThanOrEqual(uptimeTicks)
  })

  it('reports a child while it runs and not after it has exited and been reaped', async () => {
    const child = started('sleep', ['30'])
    expect(find(child.pid)).toMatchObject({ ppid: process.pid, comm: 'sleep' })
    child.kill('SIGKILL')
    await once(child, 'exit')
    expect(find(child.pid)).toBeUndefined()
  })

  it('reads a comm holding a backslash, a newline, a space and no escaping', async () => {
    // comm is the basename of the executed path: run sleep through a link with an awkward name.
    const dir = mkdtempSync(join(tmpdir(), 'glasshouse-comm-'))
    try {
      const name = 'b\\s\nn l'
      symlinkSync('/usr/bin/sleep', join(dir, name))
      const child = started(join(dir, name), ['30'])
      // 'spawn' fires once exec has succeeded, so the comm is already the new one.
      await once(child, 'spawn')
      expect(find(child.pid)).toMatchObject({ comm: name, ppid: process.pid, problems: [] })
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('keeps a real zombie: only its pid and user namespace links still resolve', async () => {
    // sh forks a short sleep, then becomes a long sleep that never reaps it.
    const parent = started('sh', ['-c', 'sleep 0 & exec sleep 30'])
    let zombie: ProcessInfo | undefined
    for (let i = 0; i < 100 && zombie?.state !== 'Z'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20))
      zombie = scanProcesses('/proc').processes.find((p) => p.ppid === parent.pid)
    }
    expect(zombie).toMatchObject({ state: 'Z', comm: 'sleep' })
    expect(zombie?.namespaces.pid).toBe(statSync('/proc/self/ns/pid').ino)
    expect(zombie?.namespaces.user).toBe(statSync('/proc/self/ns/user').ino)
    expect(zombie?.problems.map((p) => `${p.field}:${p.reason}`)).toEqual(
      ['cgroup', 'ipc', 'mnt', 'net', 'time', 'uts'].map((t) => `namespaces.${t}:exited`)
    )
  })

  it("as a non-root user: a root process's namespace links are denied, grouped into one Problem; its status still reads", () => {
    // Root drops to nobody and looks at this (root) test process; an unprivileged runner looks at pid 1.
    // (On this VM even root is refused /proc/1/ns/*, so pid 1 would not show a difference.)
    const asRoot = process.getuid?.() === 0
    const target = asRoot ? process.pid : 1
    const run = spawnSync(process.execPath, [TSX_CLI, PRINT_SCAN, '/proc'], {
      ...(asRoot ? { uid: 65534, gid: 65534 } : {}),
      encoding: 'utf8',
      timeout: 30_000
    })
    expect(run.stderr).toBe('')
    const { uid, pid, scan } = JSON.parse(run.stdout) as { uid: number; pid: number; scan: ProcessScan }
    expect(uid).not.toBe(0)
    const root = scan.processes.find((p) => p.pid === target)
    expect(root?.problems).toEqual([
      { field: 'namespaces', reason: 'denied', message: `EACCES reading /proc/${target}/ns/* (all 8 types)` }
    ])
    expect(Object.values(root?.namespaces ?? {})).toEqual(Array(8).fill(null))
    expect(root?.uid).toBe(0)
    expect(root?.capabilities.effective.length).toBeGreaterThan(0)
    expect(root?.cgroupPath).not.toBeNull()
    // Its own process is fully readable.
    const own = scan.processes.find((p) => p.pid === pid)
    expect(own).toMatchObject({ uid, problems: [] })
    expect(own?.namespaces.net).toBe(statSync('/proc/self/ns/net').ino)
  })
})
