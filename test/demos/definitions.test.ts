// The demo definitions are data the runner trusts: each container an action names is started before,
// in the same demo; ids are unique and safe as names; and every step says what to look at.
import { describe, expect, it } from 'vitest'
import { DEMO_ID, DEMOS, listing } from '../../shared/demos/index'
import { VIEW_IDS } from '../../shared/views'

describe('the demo definitions', () => {
  it('have unique ids usable in container names', () => {
    const ids = DEMOS.map((d) => d.id)
    expect(new Set(ids).size).toBe(ids.length)
    for (const id of ids) expect(id).toMatch(DEMO_ID)
  })

  it.each(DEMOS.map((d) => [d.id, d] as const))('%s names only containers it started before', (_, demo) => {
    const started = new Set<string>()
    for (const step of demo.steps) {
      for (const action of step.actions) {
        const uses = [
          'container' in action ? action.container : null,
          action.kind === 'run' && typeof action.pid === 'object' ? action.pid.container : null,
          action.kind === 'run' && typeof action.network === 'object' ? action.network.container : null,
          action.kind === 'run' && typeof action.ipc === 'object' ? action.ipc.container : null
        ].filter((role): role is string => role !== null)
        for (const role of uses) expect(started, `${demo.id}: ${role} used before it runs`).toContain(role)
        if (action.kind === 'run') {
          expect(started.has(action.role), `${demo.id}: ${action.role} started twice`).toBe(false)
          started.add(action.role)
        }
      }
      if (step.look.container !== null) expect(started).toContain(step.look.container)
      expect(VIEW_IDS).toContain(step.look.view)
      for (const text of [step.title, step.predict, step.reveal, step.tryIt]) expect(text.length).toBeGreaterThan(5)
    }
  })

  it('lists the commands a class sees, with the demo label and without the owner', () => {
    const pidHost = listing(DEMOS.find((d) => d.id === 'pid-host')!)
    expect(pidHost.steps[0]?.commands).toEqual([
      'docker run -d --name gh-pid-host-a --label glasshouse.demo=pid-host --pid host glasshouse-demo:busybox sleep 3600'
    ])
    const network = listing(DEMOS.find((d) => d.id === 'shared-network')!)
    expect(network.steps[1]?.commands[0]).toContain('--network container:gh-shared-network-a ')
    const cpuset = listing(DEMOS.find((d) => d.id === 'cpuset-memory')!)
    expect(cpuset.steps[0]?.commands[0]).toContain("--cpuset-cpus 0 -m 512MB glasshouse-demo:busybox sh -c 'yes > /dev/null & yes > /dev/null & wait'")
  })
})
