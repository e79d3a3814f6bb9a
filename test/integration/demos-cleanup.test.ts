// A demo leaves nothing behind when a step fails, and when the process running it is SIGKILLed
// mid-demo: the next start (here: the next `glasshouse demo run`) removes what the dead run left.
import { spawn } from 'node:child_process'
import { afterAll, describe, expect, it } from 'vitest'
import type { Demo } from '../../shared/demos/types'
import { DemoStepError } from '../../main/demos/demo-runner'
import { demoOwnerGone } from '../../main/demos/demo-labels'
import { assertBuilt, CLI, glasshouse } from './support/cli'
import { docker, leftovers, testDemoRunner } from './support/demo-runs'
import { TEST_LABEL, testRun } from './support/docker'
import { waitFor } from './support/wait-for'

const FAILING: Demo = {
  id: 'fails-midway',
  title: 'A demo whose second step fails',
  concept: 'test',
  cleanup: 'everything',
  steps: [
    {
      title: 'start two containers',
      actions: [
        { kind: 'run', role: 'a', command: ['sleep', '3600'] },
        { kind: 'run', role: 'b', network: { container: 'a' }, command: ['sleep', '3600'] }
      ],
      look: { view: 'namespaces', container: 'a', what: 'a' },
      predict: 'nothing to predict',
      reveal: 'nothing to reveal',
      tryIt: 'nothing to try'
    },
    {
      title: 'a container the daemon refuses to start',
      actions: [{ kind: 'run', role: 'bad', cpusetCpus: '999', command: ['sleep', '3600'] }],
      look: { view: 'namespaces', container: 'a', what: 'a' },
      predict: 'nothing to predict',
      reveal: 'nothing to reveal',
      tryIt: 'nothing to try'
    }
  ]
}

const killedTag = `k${process.pid}`
const rerunTag = `r${process.pid}`
afterAll(async () => {
  await testDemoRunner([FAILING]).clean()
  for (const tag of [killedTag, rerunTag]) for (const c of await docker.listContainers({ all: true, filters: { label: [`glasshouse.demo.tag=${tag}`] } })) await docker.getContainer(c.Id).remove({ force: true })
})

describe('demo cleanup', () => {
  it('removes every container of the demo when a step fails, and says which step', async () => {
    const runner = testDemoRunner([FAILING])
    const first = await runner.runStep('fails-midway', 0)
    expect(Object.keys(first.containers).sort()).toEqual(['a', 'b'])
    const failure = await runner.runStep('fails-midway', 1).catch((error: unknown) => error)
    expect(failure).toBeInstanceOf(DemoStepError)
    expect((failure as Error).message).toMatch(/^step 2 of "fails-midway" failed: .*Requested CPUs are not available.*\(the demo's containers were removed\)$/s)
    expect(await leftovers('fails-midway')).toEqual([])
  })

  it('leaves its containers when SIGKILLed mid-demo; the next run removes them before it starts', async () => {
    assertBuilt()
    const child = spawn(process.execPath, [CLI, 'demo', 'run', 'pid-namespace', '--step', '--tag', killedTag, '--label', `${TEST_LABEL}=${testRun()}`], {
      stdio: ['pipe', 'pipe', 'pipe']
    })
    let out = ''
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()))
    const exited = new Promise((resolve) => child.on('exit', resolve))
    await waitFor(() => (out.includes('[Enter: run it]') ? true : undefined), 'the first prompt')
    child.stdin.write('\n')
    // Step 1 ran (its container is up) and the run waits before step 2: killed there, no cleanup can run.
    await waitFor(() => (out.split('[Enter: run it]').length === 3 ? true : undefined), 'the second prompt')
    child.kill('SIGKILL')
    await exited
    const [left] = await docker.listContainers({ all: true, filters: { label: [`glasshouse.demo.tag=${killedTag}`] } })
    expect(left?.Names).toEqual([`/gh-pid-namespace-a-${killedTag}`])
    expect(left?.Labels['glasshouse.demo.owner-pid']).toBe(String(child.pid))
    expect(demoOwnerGone(left?.Labels)).toBe(true)

    const { stdout } = await glasshouse(['demo', 'run', 'pid-namespace', '--tag', rerunTag, '--label', `${TEST_LABEL}=${testRun()}`])
    expect(stdout).toMatch(/Removed \d+ containers? or images left by a Glasshouse that stopped without cleaning up/)
    expect(await leftovers('pid-namespace', killedTag)).toEqual([])
    // And the second run cleaned up after itself.
    expect(await leftovers('pid-namespace', rerunTag)).toEqual([])
  })
})
