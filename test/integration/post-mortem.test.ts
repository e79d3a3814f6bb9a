// A real OOM kill of a container's PID 1 tree: the snapshot keeps Docker's post-mortem (exit code
// 137, OOMKilled, finish time, restart count) after the kernel has forgotten the cgroup. The hog runs
// in PID 1's tree on purpose: an OOM in a `docker exec` process does not set OOMKilled (kernel-facts §5.5).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { glasshouse, snapshotJson } from './support/cli'
import { docker, inspect, removeContainers, runContainer } from './support/docker'

const name = `gh-oom-${process.pid}`
const started: string[] = []

async function until(check: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`not reached within ${timeoutMs} ms: ${docker('inspect', '-f', '{{json .State}} {{.RestartCount}}', name)}`)
    await new Promise((r) => setTimeout(r, 200))
  }
}

beforeAll(async () => {
  // One restart by the policy, then it stays exited: restartCount 1.
  const args = ['-m', '16m', '--memory-swap', '16m', '--restart', 'on-failure:1']
  started.push(runContainer(name, args, ['sh', '-c', 'head -c 100m /dev/zero | tail']))
  await until(() => {
    const info = inspect(name)
    return info.State.Status === 'exited' && info.RestartCount === 1
  }, 30_000)
}, 40_000)
afterAll(() => removeContainers(started))

describe('an OOM-killed container after it exited', () => {
  it('snapshot --json carries exit code 137, OOMKilled, the finish time and the restart count', async () => {
    const snapshot = await snapshotJson()
    const c = snapshot.containers.find((x) => x.name === name)
    const state = inspect(name).State
    expect(c).toMatchObject({ state: 'exited', pid: null, restartCount: 1 })
    expect(c?.exit).toEqual({ exitCode: 137, oomKilled: true, finishedAt: state.FinishedAt, error: null })
    expect(Date.parse(c?.exit?.finishedAt ?? '')).toBeGreaterThan(Date.parse(state.StartedAt))
  })

  it('snapshot text gives the post-mortem in one line', async () => {
    const { stdout } = await glasshouse(['snapshot'])
    const block = stdout.split('\n\n').find((b) => b.includes(`${name} `))
    expect(block).toContain('exit code 137 (signal 9) · OOM-killed (memory limit) · finished ')
    expect(block).toContain('· 1 restart')
  })
})
