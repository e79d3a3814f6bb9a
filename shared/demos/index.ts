// Every demo, in the order of the talk. The swarm secret demo runs only with the teacher's consent
// to initialise a swarm (its `consent`).
import { capDropAll } from './cap-drop-all'
import { cpuThrottle } from './cpu-throttle'
import { cpusetMemory } from './cpuset-memory'
import { displayCommand } from './docker-command'
import { imageLayers } from './image-layers'
import { nestedPid } from './nested-pid'
import { netAdmin } from './net-admin'
import { oomKill } from './oom-kill'
import { pidHost } from './pid-host'
import { pidNamespace } from './pid-namespace'
import { pidsLimit } from './pids-limit'
import { programSees } from './program-sees'
import { rootIsRoot } from './root-is-root'
import { seccompDemo } from './seccomp'
import { sharedNetwork } from './shared-network'
import { swarmSecret } from './swarm-secret'
import type { Demo, DemoListing } from './types'
import { utsIpc } from './uts-ipc'

export const DEMOS: readonly Demo[] = [
  imageLayers,
  pidNamespace,
  pidHost,
  sharedNetwork,
  utsIpc,
  nestedPid,
  rootIsRoot,
  cpusetMemory,
  oomKill,
  pidsLimit,
  cpuThrottle,
  capDropAll,
  netAdmin,
  seccompDemo,
  programSees,
  swarmSecret
]

export const DEMO_ID = /^[a-z0-9][a-z0-9-]{0,40}$/

export function findDemo(id: string): Demo | undefined {
  return DEMOS.find((demo) => demo.id === id)
}

export function listing(demo: Demo): DemoListing {
  return {
    id: demo.id,
    title: demo.title,
    concept: demo.concept,
    cleanup: demo.cleanup,
    ...(demo.consent ? { consent: demo.consent } : {}),
    steps: demo.steps.map(({ actions, ...step }) => ({ ...step, commands: actions.map((a) => displayCommand(a, { demoId: demo.id })) }))
  }
}
