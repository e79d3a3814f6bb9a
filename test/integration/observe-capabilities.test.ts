// What a container uses of what it holds, observed through tracefs on the real daemon, and the suggested
// privileges checked by running the same command again with them (issue 14's tests):
// ping uses CAP_NET_RAW, chown uses CAP_CHOWN, a container doing nothing privileged uses none; the suggested
// flags run the same command, one capability fewer than suggested makes it fail; the suggested seccomp
// profile runs the workload and refuses unshare, which it never made.
// Each workload waits for a file on a host directory bound in, so it runs only once the window is open
// (a `docker exec` to start it would itself be observed).
import Docker from 'dockerode'
import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, describe, expect, it } from 'vitest'
import type { Observation } from '../../shared/observe/observation'
import { suggest, type Suggestion } from '../../shared/observe/suggestion'
import { observeContainer } from '../../main/observe/observe-container'
import { verifySuggestion } from '../../main/observe/verify-suggestion'
import { docker as dockerCli, removeContainers, removeVerifyCopies, runContainer, TEST_IMAGE, TEST_LABEL, testLabels, testRun } from './support/docker'
import { waitFor } from './support/wait-for'

const docker = new Docker()
const ids: string[] = []
const dirs: string[] = []

afterAll(() => {
  removeContainers(ids)
  removeVerifyCopies()
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
})

/** Starts `script` in a container once the window is open; returns the observation after the container ended. */
async function observeWorkload(name: string, script: string, countSyscalls = false): Promise<{ id: string; observation: Observation; suggestion: Suggestion }> {
  const dir = mkdtempSync(join(tmpdir(), 'gh-observe-'))
  dirs.push(dir)
  const waitThenRun = `while [ ! -e /sync/go ]; do sleep 1; done; ${script}`
  const id = runContainer(`gh-observe-${name}-${process.pid}`, ['-v', `${dir}:/sync:ro`], ['sh', '-c', waitThenRun])
  ids.push(id)
  const observation = await observeContainer({ docker, container: id, seconds: 30, countSyscalls, onStarted: () => writeFileSync(join(dir, 'go'), '') })
  // The window closes when the main process ends; its exit code is the one a copy must match.
  await waitFor(() => (dockerCli('inspect', '-f', '{{.State.Running}}', id) === 'false' ? true : undefined), `${name} to end`)
  expect(dockerCli('inspect', '-f', '{{.State.ExitCode}}', id)).toBe('0')
  return { id, observation, suggestion: suggest(observation) }
}

const verdict = (o: Observation, cap: string): string | undefined => o.capabilities.find((c) => c.name === cap)?.verdict
const used = (o: Observation): string[] => o.capabilities.filter((c) => c.verdict === 'used').map((c) => c.name)
const verify = (id: string, s: Suggestion, capAdd = s.capAdd) =>
  verifySuggestion({ docker, container: id, capAdd, profile: s.seccompProfile, seconds: 20, labels: testLabels() })

describe('observing what a container uses', () => {
  it('ping -c1 uses CAP_NET_RAW; its SYS_ADMIN probes are denied, not used', async () => {
    const { id, observation, suggestion } = await observeWorkload('ping', 'ping -c1 127.0.0.1 > /dev/null || exit 3')
    expect(verdict(observation, 'CAP_NET_RAW')).toBe('used')
    expect(used(observation)).toEqual(['CAP_NET_RAW'])
    expect(suggestion.capAdd).toEqual(['NET_RAW'])
    expect(observation.syscalls.map((s) => s.name)).toContain('socket')

    const same = await verify(id, suggestion)
    expect(same).toMatchObject({ ok: true, expectedExitCode: 0, exitCode: 0 })
    const fewer = await verify(id, suggestion, [])
    expect(fewer.ok).toBe(false)
    expect(fewer.exitCode).toBe(3)
  })

  it('chown uses CAP_CHOWN (overlayfs copy-up checks with the mounter’s credential are not counted)', async () => {
    const { id, observation, suggestion } = await observeWorkload('chown', 'chown 1:1 /tmp || exit 4')
    expect(verdict(observation, 'CAP_CHOWN')).toBe('used')
    expect(used(observation)).toEqual(['CAP_CHOWN'])
    // The copy-up of /tmp asked DAC_READ_SEARCH and SYS_ADMIN with dockerd's credential: not the container's.
    expect(observation.capabilities.find((c) => c.name === 'CAP_SYS_ADMIN')?.granted ?? 0).toBe(0)
    expect(observation.capabilities.reduce((n, c) => n + c.otherCredential, 0)).toBeGreaterThan(0)

    const same = await verify(id, suggestion)
    expect(same.ok, `${same.summary}\n${same.logTail}`).toBe(true)
    const fewer = await verify(id, suggestion, [])
    expect(fewer).toMatchObject({ ok: false, exitCode: 4 })
  })

  it('a container doing nothing privileged uses no capability, and runs with none', async () => {
    const { id, observation, suggestion } = await observeWorkload('plain', 'echo hello > /dev/null; ls / > /dev/null; cat /sync/go')
    expect(used(observation)).toEqual([])
    expect(suggestion.capAdd).toEqual([])
    expect(suggestion.dockerRunFlags.startsWith('--cap-drop ALL --security-opt seccomp=')).toBe(true)
    expect(await verify(id, suggestion)).toMatchObject({ ok: true, exitCode: 0 })
  })

  it('the suggested seccomp profile refuses unshare, which the workload never made, even with CAP_SYS_ADMIN', async () => {
    const { suggestion } = await observeWorkload('seccomp', 'ping -c1 127.0.0.1 > /dev/null || exit 3')
    expect(suggestion.seccompProfile.syscalls.flatMap((r) => r.names)).not.toContain('unshare')
    const dir = mkdtempSync(join(tmpdir(), 'gh-observe-profile-'))
    dirs.push(dir)
    const profile = join(dir, 'profile.json')
    writeFileSync(profile, JSON.stringify(suggestion.seccompProfile))
    const run = (securityOpt: string[]): { code: number; output: string } => {
      const name = `gh-observe-unshare-${process.pid}-${ids.length}`
      const id = dockerCli('run', '-d', '--name', name, '--label', `${TEST_LABEL}=${testRun()}`, '--cap-drop', 'ALL', '--cap-add', 'NET_RAW', '--cap-add', 'SYS_ADMIN', ...securityOpt, TEST_IMAGE, 'sh', '-c', 'ping -c1 127.0.0.1 > /dev/null || exit 3; unshare -n true')
      ids.push(id)
      const code = Number(dockerCli('wait', id))
      return { code, output: dockerCli('logs', id) }
    }
    // Control: Docker's default profile lets a SYS_ADMIN holder unshare, so a refusal below is the profile's.
    expect(run([]).code).toBe(0)
    const underProfile = run(['--security-opt', `seccomp=${profile}`])
    expect(underProfile.code).not.toBe(0)
    expect(underProfile.code).not.toBe(3)
  })

  it('records each syscall once by default (its event is then switched off), every call with countSyscalls', async () => {
    const loop = 'dd if=/dev/zero of=/dev/null bs=1 count=1000000 2> /dev/null'
    const once = (await observeWorkload('dd-once', loop)).observation
    expect(once.syscallCounts).toBe('first-seen')
    const readsOnce = once.syscalls.find((s) => s.name === 'read')!.count
    expect(readsOnce).toBeLessThan(500_000)
    const counted = (await observeWorkload('dd-counted', loop, true)).observation
    expect(counted.syscallCounts).toBe('exact')
    expect(counted.syscalls.find((s) => s.name === 'read')!.count + counted.lostEvents).toBeGreaterThanOrEqual(1_000_000)
  })

  it('follows a process that entered with docker exec: its chown counts', async () => {
    const id = runContainer(`gh-observe-exec-${process.pid}`, [], ['sleep', '3600'])
    ids.push(id)
    let exec: Promise<unknown> = Promise.resolve()
    const observation = await observeContainer({
      docker,
      container: id,
      seconds: 4,
      onStarted: () => {
        // Asynchronous: the observation must keep reading while docker exec runs.
        exec = new Promise((resolve) => setTimeout(resolve, 300)).then(() => promisify(execFile)('docker', ['exec', id, 'sh', '-c', 'chown 1:1 /tmp']))
      }
    })
    await exec
    expect(verdict(observation, 'CAP_CHOWN')).toBe('used')
    expect(observation.syscalls.some((s) => s.name.includes('chown'))).toBe(true)
  })
})
