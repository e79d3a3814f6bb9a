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
  }
}

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
  return `docker ${shellLine(dockerArgs(action, naming, { [DEMO_LABEL]: naming.demoId }))}`
}

const UNITS: Record<string, number> = { '': 1, b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }

/** A size as the docker CLI reads it (units.RAMInBytes): '512MB', '32m', '1g' → bytes. */
export function parseMemory(text: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*([kmgb]?)b?$/i.exec(text.trim())
  if (!match) throw new Error(`not a memory size: ${text}`)
  return Math.round(Number(match[1]) * (UNITS[(match[2] ?? '').toLowerCase()] ?? 1))
}
