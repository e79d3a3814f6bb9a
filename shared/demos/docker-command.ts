// The `docker` command line of each demo action. The runner builds its API calls from the same
// ContainerRun (main/demos/create-options.ts), and a unit test holds the two together flag by flag.
import type { DemoAction, ContainerRun } from './types'

export const DEMO_IMAGE_REPO = 'glasshouse-demo'
export const DEMO_IMAGE = `${DEMO_IMAGE_REPO}:busybox`
/** Every container and image a demo creates carries this label, its value the demo's id. */
export const DEMO_LABEL = 'glasshouse.demo'

/** Names a demo's containers are given; `tag` separates two runs of one demo (tests in parallel). */
export interface DemoNaming {
  demoId: string
  tag?: string
}

export function containerName(naming: DemoNaming, role: string): string {
  return `gh-${naming.demoId}-${role}${naming.tag ? `-${naming.tag}` : ''}`
}

/** A swarm secret a demo creates, named as its containers are. */
export function secretName(naming: DemoNaming, secret: string): string {
  return `gh-${naming.demoId}-${secret}${naming.tag ? `-${naming.tag}` : ''}`
}

/** The label swarm gives a task's container: how `docker ps` finds the container of a service. */
export const SWARM_SERVICE_NAME_LABEL = 'com.docker.swarm.service.name'

/** Where a demo's single-node swarm listens and advertises: loopback only. */
export const DEMO_SWARM_ADDR = '127.0.0.1'
export const DEMO_SWARM_LISTEN = '127.0.0.1:2377'

export function committedImage(naming: DemoNaming, tag: string): string {
  return `${DEMO_IMAGE_REPO}:${naming.demoId}-${tag}${naming.tag ? `-${naming.tag}` : ''}`
}

/** The argv after `docker`, labels included as given (the demo label, and the owner's when run). */
export function dockerArgs(action: DemoAction, naming: DemoNaming, labels: Record<string, string>): string[] {
  const name = (role: string): string => containerName(naming, role)
  switch (action.kind) {
    case 'run':
      return ['run', '-d', '--name', name(action.role), ...labelFlags(labels), ...runFlags(action, name), DEMO_IMAGE, ...action.command]
    case 'exec':
      return ['exec', name(action.container), ...action.command]
    case 'wait':
      return ['wait', name(action.container)]
    case 'diff':
      return ['diff', name(action.container)]
    case 'commit':
      return ['commit', ...Object.entries(labels).flatMap(([k, v]) => ['--change', `LABEL ${k}=${v}`]), name(action.container), committedImage(naming, action.tag)]
    case 'history':
      return ['history', action.tag === null ? DEMO_IMAGE : committedImage(naming, action.tag)]
    case 'info':
      return ['info', '--format', '{{.SecurityOptions}}']
    case 'swarm-init':
      return ['swarm', 'init', '--advertise-addr', DEMO_SWARM_ADDR, '--listen-addr', DEMO_SWARM_LISTEN]
    case 'secret-create':
      return ['secret', 'create', ...labelFlags(labels), secretName(naming, action.secret), '-']
    case 'secret-inspect':
      return ['secret', 'inspect', '--format', '{{json .Spec}}', secretName(naming, action.secret)]
    case 'service-create':
      return [
        'service', 'create', '-d', '--name', name(action.role),
        ...labelFlags(labels),
        ...Object.entries(labels).flatMap(([k, v]) => ['--container-label', `${k}=${v}`]),
        ...action.secrets.flatMap((s) => ['--secret', `source=${secretName(naming, s.secret)},target=${s.target},mode=${s.mode.toString(8).padStart(4, '0')}`]),
        DEMO_IMAGE, ...action.command
      ]
    case 'task-exec':
      return ['exec', TASK_CONTAINER, ...action.command]
    case 'inspect-for-secret':
      return ['inspect', TASK_CONTAINER]
  }
}

/** Stands for the container of a service's task, whose name swarm chose: see displayCommand. */
export const TASK_CONTAINER = '{task container}'

function labelFlags(labels: Record<string, string>): string[] {
  return Object.entries(labels).flatMap(([k, v]) => ['--label', `${k}=${v}`])
}

/** The flags of `docker run` in the order the demos read best. */
export function runFlags(run: ContainerRun, name: (role: string) => string): string[] {
  const flags: string[] = []
  const target = (value: string | { container: string }): string => (typeof value === 'string' ? value : `container:${name(value.container)}`)
  if (run.hostname !== undefined) flags.push('--hostname', run.hostname)
  if (run.pid !== undefined) flags.push('--pid', target(run.pid))
  if (run.network !== undefined) flags.push('--network', target(run.network))
  if (run.ipc !== undefined) flags.push('--ipc', target(run.ipc))
  for (const cap of run.capDrop ?? []) flags.push('--cap-drop', cap)
  for (const cap of run.capAdd ?? []) flags.push('--cap-add', cap)
  for (const opt of run.securityOpt ?? []) flags.push('--security-opt', opt)
  if (run.cpusetCpus !== undefined) flags.push('--cpuset-cpus', run.cpusetCpus)
  if (run.cpus !== undefined) flags.push('--cpus', String(run.cpus))
  if (run.memory !== undefined) flags.push('-m', run.memory)
  if (run.memorySwap !== undefined) flags.push('--memory-swap', run.memorySwap)
  if (run.pidsLimit !== undefined) flags.push('--pids-limit', String(run.pidsLimit))
  if (run.user !== undefined) flags.push('--user', run.user)
  return flags
}

/** One argv as a shell line: words with anything but safe characters are single-quoted. */
export function shellLine(argv: readonly string[]): string {
  return argv.map((word) => (/^[A-Za-z0-9_@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`)).join(' ')
}

/** The command as shown to the class: with the demo label, without the owner labels (they name this process). */
export function displayCommand(action: DemoAction, naming: DemoNaming): string {
  const argv = dockerArgs(action, naming, { [DEMO_LABEL]: naming.demoId })
  if (action.kind !== 'task-exec' && action.kind !== 'inspect-for-secret') return `docker ${shellLine(argv)}`
  // A task's container has a name swarm chose: the shell finds it by the service's label.
  const service = containerName(naming, action.service)
  return `docker ${argv[0]} $(docker ps -q -f label=${SWARM_SERVICE_NAME_LABEL}=${service}) ${shellLine(argv.slice(2))}`.trimEnd()
}

const UNITS: Record<string, number> = { '': 1, b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }

/** A size as the docker CLI reads it (units.RAMInBytes): '512MB', '32m', '1g' → bytes. */
export function parseMemory(text: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*([kmgb]?)b?$/i.exec(text.trim())
  if (!match) throw new Error(`not a memory size: ${text}`)
  return Math.round(Number(match[1]) * (UNITS[(match[2] ?? '').toLowerCase()] ?? 1))
}
