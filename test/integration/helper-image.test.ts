// The helper's image: a configured one (--helper-image, GLASSHOUSE_HELPER_IMAGE) is used as-is with the
// bundled probe sent on stdin; one the daemon lacks is pulled only with --pull-helper-image. No registry is
// reachable here, and none may be contacted: the image names a registry on loopback port 1, where nothing
// listens, so the real daemon's own refusal is what a consented pull ends with.
import { execFile } from 'node:child_process'
import Docker from 'dockerode'
import { afterAll, describe, expect, it } from 'vitest'
import { chooseKernel } from '../../main/kernel/helper-kernel-choice'
import { HelperImageConsentError } from '../../main/kernel/helper-image-pull'
import { DEFAULT_ROOTS } from '../../main/probe/probe-host'
import { CLI, assertBuilt } from './support/cli'
import { BUILT_HELPER, assertHelperBuilt, helpersOwnedBy } from './support/helpers-left'

const ABSENT = `127.0.0.1:1/glasshouse-test/absent-helper:${process.pid}`
const docker = new Docker()
const pids: number[] = []

afterAll(async () => {
  expect(await helpersOwnedBy(process.pid, ...pids)).toEqual([])
})

function cli(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<{ stdout: string; stderr: string; code: number }> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [CLI, ...args], { env, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) =>
      resolve({ stdout, stderr, code: error ? ((error as { code?: number }).code ?? 1) : 0 })
    )
    if (child.pid) pids.push(child.pid)
  })
}

const engine = { docker, host: 'unix:///var/run/docker.sock' }

describe('a configured helper image the daemon lacks', () => {
  it('is not pulled without consent: the error names the image and the flag, and no helper is made', async () => {
    assertHelperBuilt()
    const choosing = chooseKernel({ probe: 'helper', roots: DEFAULT_ROOTS, engine, helperScript: BUILT_HELPER, image: { configuredImage: ABSENT } })
    await expect(choosing).rejects.toBeInstanceOf(HelperImageConsentError)
    await expect(choosing).rejects.toThrow(`the helper image ${ABSENT} is not on the daemon`)
    await expect(choosing).rejects.toThrow(/--pull-helper-image/)
    // auto does not quietly fall back to a partial local view either: the user decides.
    const auto = chooseKernel({ probe: 'auto', roots: DEFAULT_ROOTS, engine, helperScript: BUILT_HELPER, image: { configuredImage: ABSENT } })
    if (process.getuid?.() !== 0) await expect(auto).rejects.toBeInstanceOf(HelperImageConsentError)
    else await (await auto).source.close()
    expect(await helpersOwnedBy(process.pid)).toEqual([])
  })

  it('is pulled with consent, progress said, and the daemon\'s own refusal reported', async () => {
    const progress: string[] = []
    const choosing = chooseKernel({
      probe: 'helper',
      roots: DEFAULT_ROOTS,
      engine,
      helperScript: BUILT_HELPER,
      image: { configuredImage: ABSENT, pull: { allowed: true, onProgress: (line) => progress.push(line) } }
    })
    await expect(choosing).rejects.toThrow(new RegExp(`cannot start the helper container: could not pull the helper image ${ABSENT.replace(/[.:/]/g, '\\$&')}: .*(connection refused|connect)`))
    expect(progress[0]).toBe(`pulling the helper image ${ABSENT}`)
    expect(await helpersOwnedBy(process.pid)).toEqual([])
  })
})

describe('the command line', () => {
  it('snapshot --helper-image without --pull-helper-image: exit 1, the image and the flag said', async () => {
    assertBuilt()
    const run = await cli(['snapshot', '--probe', 'helper', '--helper-image', ABSENT])
    expect(run.code).toBe(1)
    expect(run.stderr).toContain(`the helper image ${ABSENT} is not on the daemon`)
    expect(run.stderr).toContain('--pull-helper-image')
  })

  it('GLASSHOUSE_HELPER_IMAGE with --pull-helper-image: pull progress on stderr, then the daemon\'s refusal', async () => {
    const run = await cli(['snapshot', '--probe', 'helper', '--pull-helper-image'], { ...process.env, GLASSHOUSE_HELPER_IMAGE: ABSENT })
    expect(run.code).toBe(1)
    expect(run.stderr).toContain(`glasshouse snapshot: pulling the helper image ${ABSENT}\n`)
    expect(run.stderr).toMatch(/could not pull the helper image .*absent-helper/)
  })

  it('--print-helper-command shows the chosen image: the configured one with node from it, else the empty one', async () => {
    const configured = await cli(['snapshot', '--print-helper-command', '--helper-image', 'example.test/helper:1'])
    expect(configured.code).toBe(0)
    expect(configured.stdout).toContain('docker pull example.test/helper:1')
    // Its probe is sent on stdin, not bound from this machine (helper-stdin-delivery.test.ts runs it).
    expect(configured.stdout).toMatch(/--entrypoint node \\\n {2}example\.test\/helper:1 \\\n {2}-e \\\n {2}'const vm = /)
    expect(configured.stdout).toContain('cat glasshouse-helper.bundle - | docker run --rm -i')
    expect(configured.stdout).not.toContain(process.execPath)
    const local = await cli(['snapshot', '--print-helper-command'])
    expect(local.stdout).toContain('glasshouse-helper:empty')
    expect(local.stdout).toContain(`--entrypoint ${process.execPath}`)
  })
})
