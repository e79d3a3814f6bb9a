// A PID 1 that never reaps (busybox `sleep`) keeps its dead children as zombies, and each holds a
// slot of pids.max. The kernel shows "/" for a zombie's v1 cgroups and drops most of its namespace
// links, so the snapshot must attribute them another way (docs/kernel-notes.md).
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { glasshouse, snapshotJson } from './support/cli'
import { docker, inspect, removeContainers, runContainer } from './support/docker'

const name = `gh-zombies-${process.pid}`
const started: string[] = []
const SLEEPERS = 27
let id: string
let initPid: number

function childrenOf(pid: number): number[] {
  const out = execFileSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' })
  return out.split('\n').map((s) => Number(s.trim())).filter((n) => n > 0)
}

function stateOf(pid: number): string {
  return /^State:\s+(\S)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? '?'
}

beforeAll(async () => {
  id = runContainer(name, ['--pids-limit', '30'], ['sleep', '3600'])
  started.push(id)
  initPid = inspect(id).State.Pid
  // A docker exec shell forks sleepers and is killed: they are re-parented to PID 1 …
  try {
    docker('exec', name, 'sh', '-c', `i=0; while [ $i -lt ${SLEEPERS} ]; do sleep 1000 & i=$((i+1)); done; kill -9 $$`)
  } catch {
    // exit 137: the shell killed itself, as intended.
  }
  const orphans = childrenOf(initPid)
  expect(orphans).toHaveLength(SLEEPERS)
  // … and when they die, PID 1 (sleep) never waits for them: zombies.
  for (const pid of orphans) process.kill(pid, 'SIGKILL')
  const deadline = Date.now() + 10_000
  while (!orphans.every((pid) => stateOf(pid) === 'Z')) {
    if (Date.now() > deadline) throw new Error('the orphans did not become zombies')
    await new Promise((r) => setTimeout(r, 100))
  }
}, 30_000)
afterAll(() => removeContainers(started))

describe('zombies of a PID 1 that does not reap', () => {
  it('are attributed to the container with state Z, and its process count matches pids.current', async () => {
    const snapshot = await snapshotJson()
    const c = snapshot.containers.find((x) => x.id === id)
    const zombies = snapshot.processes.filter((p) => p.containerId === id && p.state === 'Z')
    expect(zombies).toHaveLength(SLEEPERS)
    expect(zombies.every((z) => z.ppid === initPid)).toBe(true)
    const pidsCurrent = Number(readFileSync(`/sys/fs/cgroup/pids/docker/${id}/pids.current`, 'utf8'))
    expect(pidsCurrent).toBe(SLEEPERS + 1)
    expect(c?.usage?.pids).toBe(pidsCurrent)
    expect(c?.processes).toHaveLength(pidsCurrent)
  })

  it('snapshot text says why they stay and what fixes it', async () => {
    const { stdout } = await glasshouse(['snapshot'])
    const block = stdout.split('\n\n').find((b) => b.includes(`${name} `))
    expect(block).toContain(`zombies      ${SLEEPERS} zombies: PID 1 sleep does not reap them; --init (a PID 1 that reaps) fixes this`)
    expect(block).toContain(`· ${SLEEPERS + 1} processes`)
    expect(block).toMatch(new RegExp(`pids ${SLEEPERS + 1} / 30`))
  })
})
