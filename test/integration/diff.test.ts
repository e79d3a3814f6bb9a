// `glasshouse diff` on the real daemon: a snapshot, `docker update --memory 64m` on a labelled
// container, another snapshot: the diff lists exactly that change for it, in the kernel's limit
// and in what Docker was asked for. The same between two moments of a recording.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SnapshotDiff } from '../../shared/selectors/snapshot-diff'
import { parseRecording } from '../../shared/recording-format'
import { messageTime } from '../../shared/recording-state'
import { glasshouse } from './support/cli'
import { docker, removeContainers, runContainer } from './support/docker'

const scratch = mkdtempSync(join(tmpdir(), 'glasshouse-diff-'))
const started: string[] = []
afterAll(() => {
  removeContainers(started)
  rmSync(scratch, { recursive: true, force: true })
})

const MiB = 2 ** 20
let id: string
beforeAll(() => {
  // Docker 20.10 refuses to raise --memory past the memory+swap limit set with it: lower it instead.
  id = runContainer(`gh-diff-${process.pid}`, ['--network', 'none', '-m', '128m'])
  started.push(id)
})

const limitReads = (): number => Number(readFileSync(`/sys/fs/cgroup/memory/docker/${id}/memory.limit_in_bytes`, 'utf8'))

describe('glasshouse diff after docker update --memory 64m', () => {
  it('lists exactly that change for the container, between two snapshot files', async () => {
    const a = join(scratch, 'a.json')
    const b = join(scratch, 'b.json')
    writeFileSync(a, (await glasshouse(['snapshot', '--json'])).stdout)
    docker('update', '--memory', '64m', id)
    expect(limitReads()).toBe(64 * MiB)
    writeFileSync(b, (await glasshouse(['snapshot', '--json'])).stdout)

    const diff = JSON.parse((await glasshouse(['diff', '--json', a, b])).stdout) as SnapshotDiff
    expect(diff.added.map((c) => c.id)).not.toContain(id)
    expect(diff.removed.map((c) => c.id)).not.toContain(id)
    expect(diff.changed.find((c) => c.id === id)).toEqual({
      id,
      name: `gh-diff-${process.pid}`,
      image: 'glasshouse-test:busybox',
      limits: [
        { field: 'limits.memoryBytes', before: 128 * MiB, after: 64 * MiB },
        { field: 'declared.memoryBytes', before: 128 * MiB, after: 64 * MiB }
      ],
      capabilities: [],
      namespaces: [],
      mounts: { added: [], removed: [], changed: [] },
      processes: { added: [], removed: [] }
    })
    const { stdout } = await glasshouse(['diff', a, b])
    const block = stdout.slice(stdout.indexOf(`~ gh-diff-${process.pid} `))
    expect(block.split('\n').slice(0, 4)).toEqual([`~ gh-diff-${process.pid} (${id.slice(0, 12)}):`, '    limits.memoryBytes: 128 MiB → 64 MiB', '    declared.memoryBytes: 128 MiB → 64 MiB', expect.not.stringMatching(/^ {4}/) as string])
  })

  it('and between two moments of one recording', { timeout: 60_000 }, async () => {
    docker('update', '--memory', '128m', id)
    const file = join(scratch, 'update.ndjson')
    const recording = glasshouse(['record', '-o', file, '--for', '8s'])
    // Once the recording has its first samples, the limit changes; Docker's update event brings a patch.
    await new Promise((resolve) => setTimeout(resolve, 3000))
    docker('update', '--memory', '64m', id)
    await recording
    const parsed = parseRecording(readFileSync(file, 'utf8'))
    const patch = parsed.messages.find((m) => m.type === 'patch' && m.patch.upsert.containers.some((c) => c.id === id && c.limits?.memoryBytes === 64 * MiB))
    expect(patch).toBeDefined()
    const patchedAt = messageTime(patch!) - messageTime(parsed.messages[0]!)
    const diff = JSON.parse((await glasshouse(['diff', '--json', `${file}@0`, `${file}@${patchedAt}ms`])).stdout) as SnapshotDiff
    expect(diff.changed.find((c) => c.id === id)?.limits).toEqual([
      { field: 'limits.memoryBytes', before: 128 * MiB, after: 64 * MiB },
      { field: 'declared.memoryBytes', before: 128 * MiB, after: 64 * MiB }
    ])
    // Just before the patch, nothing had changed for it yet.
    const before = JSON.parse((await glasshouse(['diff', '--json', `${file}@0`, `${file}@${patchedAt - 1}ms`])).stdout) as SnapshotDiff
    expect(before.changed.find((c) => c.id === id)).toBeUndefined()
  })
})

