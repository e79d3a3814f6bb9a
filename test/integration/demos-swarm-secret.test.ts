// The swarm secret demo on the real daemon: refused without the teacher's consent; with it, a swarm is
// initialised only when the daemon is in none, the secret is a 0400 tmpfs file in the task's container,
// its value appears in no output of Glasshouse, in no snapshot and not in docker inspect; cleanup removes
// the service and secret and leaves the swarm only when the demo initialised it, also after a SIGKILL.
// Other tests may hold a swarm on this daemon: a swarm found at the start is never left here.
import { spawn } from 'node:child_process'
import { afterAll, describe, expect, it } from 'vitest'
import { DEMO_LABEL } from '../../shared/demos/docker-command'
import { DemoStepError, removeLabelled } from '../../main/demos/demo-runner'
import { demoOwnerGone } from '../../main/demos/demo-labels'
import { createDemoService } from '../../main/backend/demos'
import { assertBuilt, CLI, glasshouse, snapshotJson } from './support/cli'
import { docker as api, DEMO_TEST_TAG, testDemoRunner } from './support/demo-runs'
import { docker, TEST_LABEL, testRun } from './support/docker'
import { swarmState } from './support/swarm-service'
import { waitFor } from './support/wait-for'

const killedTag = `k${process.pid}`
const swarmLabels = (): Record<string, string> => JSON.parse(docker('info', '--format', '{{json .Swarm.Cluster.Spec.Labels}}') || 'null') ?? {}

/** Everything of a tag's run still on the daemon: containers, and in a swarm services and secrets. */
async function leftovers(tag: string): Promise<string[]> {
  const filters = { label: [`${DEMO_LABEL}=swarm-secret`, `glasshouse.demo.tag=${tag}`] }
  const containers = (await api.listContainers({ all: true, filters })).map((c) => `container ${c.Names[0]}`)
  if (swarmState() !== 'active') return containers
  const services = ((await api.listServices({ filters })) as Array<{ Spec: { Name: string } }>).map((s) => `service ${s.Spec.Name}`)
  const secrets = ((await api.listSecrets({ filters })) as Array<{ Spec: { Name: string } }>).map((s) => `secret ${s.Spec.Name}`)
  return [...containers, ...services, ...secrets]
}

const runner = testDemoRunner()
afterAll(async () => {
  await runner.clean('swarm-secret')
  await removeLabelled(api, `glasshouse.demo.tag=${killedTag}`, demoOwnerGone)
})

describe('the swarm secret demo', () => {
  it('refuses to initialise a swarm without consent, and starts nothing', async (ctx) => {
    if (swarmState() !== 'inactive') ctx.skip()
    const failure = await runner.runStep('swarm-secret', 0).catch((error: unknown) => error)
    expect(failure).toBeInstanceOf(DemoStepError)
    expect((failure as Error).message).toContain('initialises a swarm on this daemon, and the teacher has not agreed to it')
    expect(swarmState()).toBe('inactive')
    expect(await leftovers(DEMO_TEST_TAG)).toEqual([])
  })

  it('is refused by the CLI without --allow-swarm-init, with the sentence the teacher agrees to', async () => {
    const refused = await glasshouse(['demo', 'run', 'swarm-secret', '--tag', killedTag]).catch((error: { code: number; stderr: string }) => error)
    expect(refused).toMatchObject({ code: 2 })
    expect((refused as { stderr: string }).stderr).toContain('not started. This demo initialises a single-node swarm on this daemon (docker swarm init --advertise-addr 127.0.0.1)')
    expect((refused as { stderr: string }).stderr).toContain('Run it again with --allow-swarm-init to agree.')
    expect(await leftovers(killedTag)).toEqual([])
  })

  it('is refused by the backend without the consent the presenter sends once the teacher confirmed', async (ctx) => {
    if (swarmState() !== 'inactive') ctx.skip()
    const service = createDemoService(api)
    try {
      await expect(service.handlers['demo:run-step']('swarm-secret', 0)).rejects.toThrow(/the teacher has not agreed to it/)
      expect(swarmState()).toBe('inactive')
    } finally {
      await service.close()
    }
  })

  it('runs with consent: the secret is a tmpfs file, never shown; clean leaves only the swarm it initialised', async () => {
    const before = swarmState()
    const results = await runner.runAll('swarm-secret', undefined, { swarmInit: true })
    for (const result of results) expect(result.asExpected, JSON.stringify(result.actions)).toBe(true)
    expect(swarmState()).toBe('active')
    if (before === 'inactive') {
      expect(results[0]?.actions[0]?.output).toMatch(/^Swarm initialized: current node \(\w+\) is now a manager/)
      expect(swarmLabels()).toMatchObject({ [DEMO_LABEL]: 'swarm-secret', 'glasshouse.demo.tag': DEMO_TEST_TAG, [TEST_LABEL]: testRun() })
    } else {
      expect(results[0]?.actions[0]?.output).toContain('already in a swarm')
    }
    // What the daemon gives back about the secret: its spec, without any Data.
    const spec = JSON.parse(results[1]!.actions[1]!.output) as Record<string, unknown>
    expect(spec).toMatchObject({ Name: `gh-swarm-secret-db-password-${DEMO_TEST_TAG}` })
    expect(Object.keys(spec)).not.toContain('Data')
    const task = results[2]!.containers.web!
    expect(task).toMatch(/^[0-9a-f]{64}$/)
    // The test, not Glasshouse, reads the value: it is the oracle for "never shown".
    const value = docker('exec', task, 'cat', '/run/secrets/db_password')
    expect(value.length).toBe(24)
    expect(results[2]?.actions[1]?.output).toBe('/run/secrets/db_password: 24 bytes, mode -r--------, uid 0\n')
    expect(results[3]?.actions[0]?.output).toMatch(/ \/run\/secrets\/db_password ro,\S* .*- tmpfs tmpfs ro/)
    expect(results[3]?.actions[1]?.output).toContain('The value is not in it.')
    expect(docker('inspect', task)).not.toContain(value)
    expect(results[4]?.actions[1]?.output).toContain('/run/secrets: No such file or directory')
    const snapshot = await snapshotJson()
    const shown = JSON.stringify({ results, snapshot })
    expect(shown).not.toContain(value)
    expect(shown).not.toContain(Buffer.from(value).toString('base64'))
    const mounts = snapshot.containers.find((c) => c.id === task)?.mounts ?? []
    expect(mounts.find((m) => m.mountPoint === '/run/secrets/db_password')).toMatchObject({ kind: 'secret', fsType: 'tmpfs', readOnly: true })

    await runner.clean('swarm-secret')
    expect(await leftovers(DEMO_TEST_TAG)).toEqual([])
    expect(swarmState()).toBe(before)
  })

  it('uses a swarm that was there before and does not leave it', async () => {
    const before = swarmState()
    // The teacher's own swarm, made here when none is: unlabelled, so the demo must not leave it.
    if (before === 'inactive') docker('swarm', 'init', '--advertise-addr', '127.0.0.1', '--listen-addr', '127.0.0.1:2377')
    try {
      const results = await runner.runAll('swarm-secret', undefined, { swarmInit: true })
      for (const result of results) expect(result.asExpected, JSON.stringify(result.actions)).toBe(true)
      expect(results[0]?.actions[0]?.output).toContain('already in a swarm: the demo uses it and will not leave it')
      await runner.clean('swarm-secret')
      expect(await leftovers(DEMO_TEST_TAG)).toEqual([])
      expect(swarmState()).toBe('active')
    } finally {
      if (before === 'inactive') docker('swarm', 'leave', '--force')
    }
  })

  it('is cleanable after a SIGKILL between the swarm init and the cleanup: the swarm is left, the owner gone', async (ctx) => {
    if (swarmState() !== 'inactive') ctx.skip()
    assertBuilt()
    const child = spawn(process.execPath, [CLI, 'demo', 'run', 'swarm-secret', '--allow-swarm-init', '--step', '--tag', killedTag, '--label', `${TEST_LABEL}=${testRun()}`], {
      stdio: ['pipe', 'pipe', 'pipe']
    })
    let out = ''
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()))
    const exited = new Promise((resolve) => child.on('exit', resolve))
    // Two steps run (the swarm and the secret), then killed at the third prompt: no cleanup can run.
    for (const prompts of [1, 2, 3]) {
      await waitFor(() => (out.split('[Enter: run it]').length === prompts + 1 ? true : undefined), `prompt ${prompts}`, 30_000)
      if (prompts < 3) child.stdin.write('\n')
    }
    child.kill('SIGKILL')
    await exited
    expect(swarmState()).toBe('active')
    const labels = swarmLabels()
    expect(labels['glasshouse.demo.owner-pid']).toBe(String(child.pid))
    expect(demoOwnerGone(labels)).toBe(true)
    expect(await leftovers(killedTag)).toEqual([`secret gh-swarm-secret-db-password-${killedTag}`])

    // What `glasshouse demo clean` and the next start run, narrowed to this run's tag.
    const removed = await removeLabelled(api, `glasshouse.demo.tag=${killedTag}`, demoOwnerGone)
    expect(removed).toBe(2)
    expect(swarmState()).toBe('inactive')
  })
})
