// `glasshouse watch --json --probe helper` through the built command line: every snapshot says the
// kernel was read by a helper container; when that helper is killed, watch says so in one stderr line,
// goes on through a new helper (a fresh snapshot), says it recovered, and leaves no helper behind.
import { spawn, type ChildProcess } from 'node:child_process'
import { createInterface } from 'node:readline'
import Docker from 'dockerode'
import { release } from 'node:os'
import { afterAll, describe, expect, it } from 'vitest'
import type { LiveMessage } from '../../shared/live'
import type { HostSnapshot } from '../../shared/model'
import { CLI, assertBuilt } from './support/cli'
import { assertHelperBuilt, helpersOwnedBy } from './support/helpers-left'
import { waitFor } from './support/wait-for'

let child: ChildProcess | null = null

afterAll(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((resolve) => child!.once('exit', resolve))
    child.kill('SIGINT')
    await exited
  }
  expect(await helpersOwnedBy(child?.pid ?? -1)).toEqual([])
}, 30_000)

describe('watch --probe helper', () => {
  it('says how the kernel was read, and carries on through a new helper when its helper is killed', async () => {
    assertBuilt()
    assertHelperBuilt()
    child = spawn(process.execPath, [CLI, 'watch', '--json', '--probe', 'helper', '--interval', '250ms'], { stdio: ['ignore', 'pipe', 'pipe'] })
    const snapshots: HostSnapshot[] = []
    let stderr = ''
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const message = JSON.parse(line) as LiveMessage
      if (message.type === 'snapshot') snapshots.push(message.snapshot)
    })
    await waitFor(() => snapshots[0], 'the first snapshot')
    expect(snapshots[0]!.kernelReadBy).toEqual({ source: 'helper', reason: '--probe helper', place: `this host, kernel ${release()}` })

    const helpers = await helpersOwnedBy(child.pid!)
    expect(helpers).toHaveLength(1)
    await new Docker().getContainer(helpers[0]!).kill()

    await waitFor(() => snapshots.find((s) => s.kernelReadBy?.lost), 'a snapshot naming the lost helper')
    const fresh = await waitFor(() => snapshots.slice(2).find((s) => !s.kernelReadBy?.lost), 'a fresh snapshot through a new helper')
    expect(fresh.kernelReadBy?.source).toBe('helper')
    await waitFor(() => (/recovered/.test(stderr) ? true : undefined), 'the recovered line')
    const lostLines = stderr.split('\n').filter((line) => /starting a new helper container/.test(line))
    expect(lostLines).toHaveLength(1)
    expect(lostLines[0]).toMatch(/^glasshouse watch: the helper container [0-9a-f]{12} stopped/)
    const now = await helpersOwnedBy(child.pid!)
    expect(now).toHaveLength(1)
    expect(now[0]).not.toBe(helpers[0])

    const exited = new Promise<number | null>((resolve) => child!.once('exit', resolve))
    child.kill('SIGINT')
    await exited
    expect(await helpersOwnedBy(child.pid!)).toEqual([])
  }, 60_000)
})
