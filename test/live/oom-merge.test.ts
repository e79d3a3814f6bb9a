// One OOM event per kill: the kernel's report and Docker's, matched within a short wait.
import { describe, expect, it } from 'vitest'
import { OomMerger, type OomMergeTimer } from '../../main/live/oom-merge'
import type { KmsgOomKill } from '../../main/kernel/kmsg-parse'
import type { LiveEvent } from '../../shared/live'

/** A timer the test advances by hand. */
function manualTimer(): OomMergeTimer & { advance(ms: number): void } {
  let now = 0
  let next = 0
  const waits = new Map<number, { at: number; callback: () => void }>()
  return {
    setTimeout: (callback, ms) => {
      waits.set(++next, { at: now + ms, callback })
      return next
    },
    clearTimeout: (handle) => void waits.delete(handle as number),
    advance(ms) {
      now += ms
      for (const [handle, wait] of [...waits].sort((a, b) => a[1].at - b[1].at)) {
        if (wait.at > now || !waits.has(handle)) continue
        waits.delete(handle)
        wait.callback()
      }
    }
  }
}

const kernel = (container: string, kills = 1, at = '2026-11-28T17:00:01.000Z'): LiveEvent => ({
  type: 'event',
  kind: 'oom-kill',
  containerId: container,
  containerName: container,
  at,
  message: `The kernel OOM-killed ${kills} process at its 16 MiB memory limit.`,
  detail: { kills, oomKills: kills },
  sources: ['kernel']
})

const docker = (container: string, at = '2026-11-28T17:00:00.400Z'): LiveEvent => ({
  type: 'event',
  kind: 'container-oom',
  containerId: container,
  containerName: container,
  at,
  message: `the kernel's OOM killer hit a process in ${container}`,
  detail: { action: 'oom', exitCode: null, image: 'busybox' }
})

function merger(kernelWaitMs = 2000): { out: LiveEvent[]; timer: ReturnType<typeof manualTimer>; oom: OomMerger } {
  const out: LiveEvent[] = []
  const timer = manualTimer()
  return { out, timer, oom: new OomMerger({ emit: (e) => out.push(e), dockerWaitMs: 3000, kernelWaitMs, timer }) }
}

describe('OomMerger', () => {
  it('Docker first, the kernel at the next tick: one oom-kill naming both, as soon as both are in', () => {
    const { out, timer, oom } = merger()
    oom.offer(docker('a'))
    timer.advance(900)
    expect(out).toEqual([])
    oom.offer(kernel('a'))
    expect(out).toHaveLength(1)
    expect(out[0]).toMatchObject({ kind: 'oom-kill', sources: ['kernel', 'docker'], at: '2026-11-28T17:00:01.000Z', detail: { kills: 1, dockerAt: '2026-11-28T17:00:00.400Z' } })
    timer.advance(10_000)
    expect(out).toHaveLength(1)
  })

  it('the kernel first, Docker a moment later: still one', () => {
    const { out, timer, oom } = merger()
    oom.offer(kernel('a'))
    timer.advance(300)
    oom.offer(docker('a'))
    timer.advance(10_000)
    expect(out.map((e) => [e.kind, e.sources])).toEqual([['oom-kill', ['kernel', 'docker']]])
  })

  it('two kills in one tick match two Docker reports', () => {
    const { out, timer, oom } = merger()
    oom.offer(docker('a'))
    oom.offer(docker('a'))
    oom.offer(kernel('a', 2))
    timer.advance(10_000)
    expect(out.map((e) => [e.kind, e.sources, e.detail.kills])).toEqual([['oom-kill', ['kernel', 'docker'], 2]])
  })

  it('unmatched reports leave alone once their wait is over', () => {
    const { out, timer, oom } = merger()
    oom.offer(kernel('k'))
    oom.offer(docker('d'))
    timer.advance(1999)
    expect(out).toEqual([])
    timer.advance(1)
    expect(out.map((e) => [e.containerId, e.kind, e.sources])).toEqual([['k', 'oom-kill', ['kernel']]])
    timer.advance(1000)
    expect(out.map((e) => [e.containerId, e.kind, e.sources])).toEqual([
      ['k', 'oom-kill', ['kernel']],
      ['d', 'container-oom', ['docker']]
    ])
  })

  it('does not match across containers, nor a second kill to the first report', () => {
    const { out, timer, oom } = merger()
    oom.offer(docker('a'))
    oom.offer(kernel('b'))
    oom.offer(kernel('a', 1, '2026-11-28T17:00:01.000Z'))
    oom.offer(kernel('a', 1, '2026-11-28T17:00:02.000Z'))
    timer.advance(10_000)
    expect(out.map((e) => [e.containerId, e.at.slice(17, 19), e.sources])).toEqual([
      ['a', '01', ['kernel', 'docker']],
      ['b', '01', ['kernel']],
      ['a', '02', ['kernel']]
    ])
  })

  it('without Docker, the kernel report leaves at once; other kinds pass straight through', () => {
    const { out, oom } = merger(0)
    oom.offer(kernel('a'))
    oom.offer({ ...docker('a'), kind: 'container-die' })
    expect(out.map((e) => e.kind)).toEqual(['oom-kill', 'container-die'])
  })

  it('flush() sends what still waits', () => {
    const { out, oom } = merger()
    oom.offer(docker('a'))
    oom.flush()
    expect(out.map((e) => [e.kind, e.sources])).toEqual([['container-oom', ['docker']]])
  })
})

describe('OomMerger with the kernel log', () => {
  const A = 'a'.repeat(64)
  const logged = (seq: number, at: string, pid: number, containerId = A): KmsgOomKill => ({
    seq,
    atMs: Date.parse(at),
    containerId,
    hostPid: pid,
    comm: 'tail',
    anonRssBytes: 16_384_000,
    fileRssBytes: 1_294_336,
    shmemRssBytes: 0,
    totalVmBytes: 18_620_416,
    constraint: 'CONSTRAINT_MEMCG',
    memcg: `/docker/${containerId}`
  })

  function withLog(kills: KmsgOomKill[]): { out: LiveEvent[]; timer: ReturnType<typeof manualTimer>; oom: OomMerger; reads: () => number } {
    const out: LiveEvent[] = []
    const timer = manualTimer()
    let reads = 0
    const kernelLog = (): Promise<KmsgOomKill[]> => {
      reads++
      return Promise.resolve(kills)
    }
    return { out, timer, oom: new OomMerger({ emit: (e) => out.push(e), dockerWaitMs: 3000, kernelWaitMs: 2000, timer, kernelLog }), reads: () => reads }
  }

  it('names the killed process and its memory on the merged event, with the log as a third source', async () => {
    const { out, oom, reads } = withLog([logged(4310, '2026-11-28T17:00:00.420Z', 1551)])
    oom.offer(docker(A))
    oom.offer(kernel(A))
    await oom.idle()
    expect(reads()).toBe(1)
    expect(out).toHaveLength(1)
    expect(out[0]).toMatchObject({
      sources: ['kernel', 'docker', 'kernel-log'],
      detail: { killedComm: 'tail', killedHostPid: 1551, killedAnonRssBytes: 16_384_000, killedProcesses: 'tail (1551)' }
    })
    expect(out[0]!.message).toContain('The OOM killer killed tail (host pid 1551), anon 15.6 MiB at the kill.')
  })

  it('a Docker-only OOM (the container ended before the next tick) is attributed too', async () => {
    const { out, timer, oom } = withLog([logged(4310, '2026-11-28T17:00:00.420Z', 1551)])
    oom.offer(docker(A))
    timer.advance(3000)
    await oom.idle()
    expect(out.map((e) => [e.kind, e.sources, e.detail.killedHostPid])).toEqual([['container-oom', ['docker', 'kernel-log'], 1551]])
  })

  it('does not name a kill twice, nor one of another container or another time', async () => {
    const kills = [logged(1, '2026-11-28T16:00:00.000Z', 11), logged(2, '2026-11-28T17:00:00.420Z', 22, 'b'.repeat(64)), logged(3, '2026-11-28T17:00:00.420Z', 33)]
    const { out, timer, oom } = withLog(kills)
    oom.offer(docker(A))
    oom.offer(kernel(A))
    oom.offer(kernel(A, 1, '2026-11-28T17:00:02.000Z'))
    timer.advance(10_000)
    await oom.idle()
    expect(out.map((e) => e.detail.killedHostPid ?? null)).toEqual([33, null])
  })

  it('keeps the stream in order while the log is read', async () => {
    const { out, oom } = withLog([])
    oom.offer(docker(A))
    oom.offer(kernel(A))
    oom.offer({ ...docker(A), kind: 'container-die' })
    await oom.idle()
    expect(out.map((e) => [e.kind, e.sources])).toEqual([
      ['oom-kill', ['kernel', 'docker']],
      ['container-die', undefined]
    ])
  })
})
