// What runs is what is shown: for every `run` action of every demo, the flags of the displayed
// `docker run` line, read back as the docker CLI reads them, give the API request the runner sends.
import { describe, expect, it } from 'vitest'
import { containerName, dockerArgs, parseMemory } from '../../shared/demos/docker-command'
import { DEMOS } from '../../shared/demos/index'
import type { ContainerRun } from '../../shared/demos/types'
import { createOptions } from '../../main/demos/create-options'

/** The docker CLI's reading of the flags we emit, into the API fields it sends. */
function readRunFlags(argv: string[]): { name: string; labels: Record<string, string>; host: Record<string, unknown>; hostname?: string; user?: string; image: string; cmd: string[] } {
  const host: Record<string, unknown> = {}
  const labels: Record<string, string> = {}
  const out: { name: string; hostname?: string; user?: string } = { name: '' }
  let i = 2 // after 'run', '-d'
  const push = (key: string, value: string): void => {
    host[key] = [...((host[key] as string[] | undefined) ?? []), value]
  }
  for (; argv[i]?.startsWith('-'); i += 2) {
    const flag = argv[i] as string
    const value = argv[i + 1] as string
    if (flag === '--name') out.name = value
    else if (flag === '--label') labels[value.slice(0, value.indexOf('='))] = value.slice(value.indexOf('=') + 1)
    else if (flag === '--hostname') out.hostname = value
    else if (flag === '--user') out.user = value
    else if (flag === '--pid') host.PidMode = value
    else if (flag === '--network') host.NetworkMode = value
    else if (flag === '--ipc') host.IpcMode = value
    else if (flag === '--cap-add') push('CapAdd', value)
    else if (flag === '--cap-drop') push('CapDrop', value)
    else if (flag === '--security-opt') push('SecurityOpt', value)
    else if (flag === '--cpuset-cpus') host.CpusetCpus = value
    else if (flag === '--cpus') host.NanoCpus = Math.round(Number(value) * 1e9)
    else if (flag === '-m') host.Memory = parseMemory(value)
    else if (flag === '--memory-swap') host.MemorySwap = parseMemory(value)
    else if (flag === '--pids-limit') host.PidsLimit = Number(value)
    else throw new Error(`flag not read: ${flag}`)
  }
  return { ...out, labels, host, image: argv[i] as string, cmd: argv.slice(i + 1) }
}

const runs = DEMOS.flatMap((demo) =>
  demo.steps.flatMap((step) => step.actions.filter((a): a is ContainerRun => a.kind === 'run').map((run) => [`${demo.id}/${run.role}`, demo.id, run] as const))
)

describe('the displayed docker run and the API request', () => {
  it.each(runs)('agree for %s', (_, demoId, run) => {
    const naming = { demoId, tag: 't1' }
    const labels = { 'glasshouse.demo': demoId, 'glasshouse.demo.owner-pid': '42' }
    const shown = readRunFlags(dockerArgs(run, naming, labels))
    const sent = createOptions(run, naming, labels)
    expect(shown.name).toBe(sent.name)
    expect(shown.name).toBe(containerName(naming, run.role))
    expect(shown.labels).toEqual(sent.Labels)
    expect(shown.image).toBe(sent.Image)
    expect(shown.cmd).toEqual(sent.Cmd)
    expect(shown.hostname).toBe(sent.Hostname)
    expect(shown.user).toBe(sent.User)
    expect(shown.host).toEqual(sent.HostConfig)
  })

  it('reads sizes as the docker CLI does', () => {
    expect(parseMemory('512MB')).toBe(512 * 2 ** 20)
    expect(parseMemory('32m')).toBe(32 * 2 ** 20)
    expect(parseMemory('1g')).toBe(2 ** 30)
    expect(() => parseMemory('lots')).toThrow()
  })
})
