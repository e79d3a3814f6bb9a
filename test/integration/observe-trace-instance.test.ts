// The tracing state Glasshouse changes is always put back: a private instance per observation, removed
// after a normal end, after Ctrl-C (SIGINT) and SIGTERM of the CLI, and, after a SIGKILL it cannot catch,
// at the next start. Two observations at once use two instances. Real tracefs, real containers.
import Docker from 'dockerode'
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { observeContainer } from '../../main/observe/observe-container'
import { ensureTracefs, TRACEFS_ROOT } from '../../main/observe/tracefs'
import { CLI, assertBuilt } from './support/cli'
import { removeContainers, runContainer } from './support/docker'
import { waitFor } from './support/wait-for'

const docker = new Docker()
const ids: string[] = []
const INSTANCES = `${TRACEFS_ROOT}/instances`

const instancesOf = (pid: number): string[] => readdirSync(INSTANCES).filter((name) => name.startsWith(`glasshouse-${pid}-`))

beforeAll(() => {
  ensureTracefs()
  ids.push(runContainer(`gh-observe-life-a-${process.pid}`, [], ['sleep', '3600']))
  ids.push(runContainer(`gh-observe-life-b-${process.pid}`, [], ['sleep', '3600']))
})

afterAll(() => removeContainers(ids))

function startCli(args: string[]): { child: ChildProcess; exited: Promise<number | null> } {
  assertBuilt()
  const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
  child.stdout!.resume()
  child.stderr!.resume()
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  return { child, exited }
}

describe('a tracing instance per observation', () => {
  it('follows the container’s threads with its events on, and is gone after a normal end', async () => {
    let seen: { name: string; pids: string; capEnabled: string; fork: string } | null = null
    const observation = await observeContainer({
      docker,
      container: ids[0]!,
      seconds: 1.5,
      onStarted: (name) => {
        const dir = `${INSTANCES}/${name}`
        seen = {
          name,
          pids: readFileSync(`${dir}/set_event_pid`, 'utf8'),
          capEnabled: readFileSync(`${dir}/events/capability/cap_capable/enable`, 'utf8').trim(),
          fork: readFileSync(`${dir}/options/event-fork`, 'utf8').trim()
        }
      }
    })
    expect(seen).not.toBeNull()
    const pid = (await docker.getContainer(ids[0]!).inspect()).State.Pid
    expect(seen!.name).toMatch(new RegExp(`^glasshouse-${process.pid}-\\d+-\\d+$`))
    expect(seen!.pids.split('\n')).toContain(String(pid))
    expect(seen!.capEnabled).toBe('1')
    expect(seen!.fork).toBe('1')
    expect(existsSync(`${INSTANCES}/${seen!.name}`)).toBe(false)
    expect(observation.container.id).toBe(ids[0])
  })

  it('two observations at once use two instances, both removed', async () => {
    const names: string[] = []
    let both: string[] = []
    const observe = (id: string): Promise<unknown> =>
      observeContainer({
        docker,
        container: id,
        seconds: 2,
        onStarted: (name) => {
          names.push(name)
          if (names.length === 2) both = instancesOf(process.pid)
        }
      })
    await Promise.all([observe(ids[0]!), observe(ids[1]!)])
    expect(new Set(names).size).toBe(2)
    // Each observation also has its quiet docker-exec watcher: four instances, two of them these.
    expect(both).toEqual(expect.arrayContaining(names))
    expect(both).toHaveLength(4)
    expect(instancesOf(process.pid)).toEqual([])
  })

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    it(`the CLI removes its instance on ${signal}`, async () => {
      const { child, exited } = startCli(['observe', ids[0]!, '--for', '60s'])
      const name = await waitFor(() => instancesOf(child.pid!)[0], 'the CLI’s instance')
      child.kill(signal)
      expect(await exited).toBe(signal === 'SIGINT' ? 130 : 143)
      expect(existsSync(`${INSTANCES}/${name}`)).toBe(false)
    })
  }

  it('after SIGKILL the instance stays, and the next start removes it', async () => {
    const first = startCli(['observe', ids[0]!, '--for', '60s'])
    const name = await waitFor(() => instancesOf(first.child.pid!)[0], 'the CLI’s instance')
    first.child.kill('SIGKILL')
    await first.exited
    // The kernel keeps an instance nobody removed, events on.
    expect(existsSync(`${INSTANCES}/${name}`)).toBe(true)
    const second = startCli(['observe', ids[1]!, '--for', '1s'])
    expect(await second.exited).toBe(0)
    expect(existsSync(`${INSTANCES}/${name}`)).toBe(false)
    expect(instancesOf(second.child.pid!)).toEqual([])
  })
})
