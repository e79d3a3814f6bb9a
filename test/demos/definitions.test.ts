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
    const secrets = new Set<string>()
    for (const step of demo.steps) {
      for (const action of step.actions) {
        const uses = [
          'container' in action ? action.container : null,
          'service' in action ? action.service : null,
          action.kind === 'run' && typeof action.pid === 'object' ? action.pid.container : null,
          action.kind === 'run' && typeof action.network === 'object' ? action.network.container : null,
          action.kind === 'run' && typeof action.ipc === 'object' ? action.ipc.container : null
        ].filter((role): role is string => role !== null)
        for (const role of uses) expect(started, `${demo.id}: ${role} used before it runs`).toContain(role)
        const secretsUsed = action.kind === 'service-create' ? action.secrets.map((s) => s.secret) : 'secret' in action && action.kind !== 'secret-create' ? [action.secret] : []
        for (const secret of secretsUsed) expect(secrets, `${demo.id}: secret ${secret} used before it is created`).toContain(secret)
        if (action.kind === 'secret-create') secrets.add(action.secret)
        if (action.kind === 'run' || action.kind === 'service-create') {
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

  it('shows the swarm secret demo as commands a class can type: init on loopback, the secret from stdin, the task container found by its label', () => {
    const swarm = listing(DEMOS.find((d) => d.id === 'swarm-secret')!)
    expect(swarm.consent?.what).toBe('swarm-init')
    expect(swarm.consent?.text).toContain('docker swarm init --advertise-addr 127.0.0.1')
    expect(swarm.steps[0]?.commands).toEqual(['docker swarm init --advertise-addr 127.0.0.1 --listen-addr 127.0.0.1:2377'])
    expect(swarm.steps[1]?.commands[0]).toBe('docker secret create --label glasshouse.demo=swarm-secret gh-swarm-secret-db-password -')
    expect(swarm.steps[2]?.commands[0]).toContain(
      '--container-label glasshouse.demo=swarm-secret --secret source=gh-swarm-secret-db-password,target=db_password,mode=0400 glasshouse-demo:busybox'
    )
    expect(swarm.steps[2]?.commands[1]).toMatch(/^docker exec \$\(docker ps -q -f label=com\.docker\.swarm\.service\.name=gh-swarm-secret-web\) stat /)
    expect(swarm.steps[3]?.commands[1]).toBe('docker inspect $(docker ps -q -f label=com.docker.swarm.service.name=gh-swarm-secret-web)')
  })
})
