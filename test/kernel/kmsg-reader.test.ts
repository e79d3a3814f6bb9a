// The kernel log reader over a stand-in for /dev/kmsg (the real device's refusals cannot be produced
// as root, and its content is the host's): one record per read, EAGAIN at the end, EPIPE when the ring
// buffer overwrote unread records, EPERM for a reader without CAP_SYSLOG under dmesg_restrict.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { KILLS_PER_CONTAINER, KmsgReader, type KmsgFs } from '../../main/kernel/kmsg-reader'

const RECORDED = readFileSync(new URL('../fixtures/kmsg/oom-memcg-v1-6.18.jsonl', import.meta.url), 'utf8')
  .trim()
  .split('\n')
  .map((line) => JSON.parse(line) as string)

function errno(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: fake`), { code })
}

/** A device whose records are `queue` (a string, or an error code thrown by that read); more may be pushed later. */
function fakeKmsg(queue: Array<string | { error: string }>, openError?: string): KmsgFs & { closed: boolean } {
  return {
    closed: false,
    openSync: () => {
      if (openError) throw errno(openError)
      return 99
    },
    readSync: (_fd, buffer) => {
      const next = queue.shift()
      if (next === undefined) throw errno('EAGAIN')
      if (typeof next !== 'string') throw errno(next.error)
      return buffer.write(next)
    },
    closeSync() {
      this.closed = true
    }
  }
}

/** The recorded kill with another container id and pid, and a sequence number shifted by `n`. */
function killOf(id: string, pid: number, n: number): string[] {
  const from = 'd413958a1092b743b51fb9c630fc9951bc6504c86406e71798dc6ff7c09011b7'
  return RECORDED.slice(-3, -1).map((r) =>
    r.replaceAll(from, id).replaceAll('1551', String(pid)).replace(/^(\d+),(\d+),/, (_m, p: string, s: string) => `${p},${Number(s) + n},`)
  )
}

describe('KmsgReader', () => {
  it('reads to the end of the log, then only what is new (a followed log)', () => {
    const queue: Array<string | { error: string }> = [...RECORDED]
    const reader = new KmsgReader({ fs: fakeKmsg(queue), bootMs: 0 })
    const first = reader.read()
    expect(first.problem).toBeNull()
    expect(first.fresh.map((k) => [k.comm, k.hostPid])).toEqual([['tail', 1551]])
    expect(reader.read().fresh).toEqual([])
    queue.push(...killOf('a'.repeat(64), 2222, 1000))
    const third = reader.read()
    expect(third.fresh.map((k) => [k.containerId, k.hostPid])).toEqual([['a'.repeat(64), 2222]])
    expect(third.kills).toHaveLength(2)
  })

  it('keeps the last kills per container only', () => {
    const id = 'b'.repeat(64)
    const queue = Array.from({ length: KILLS_PER_CONTAINER + 2 }, (_, i) => killOf(id, 3000 + i, 1000 * i)).flat()
    const { kills } = new KmsgReader({ fs: fakeKmsg(queue), bootMs: 0 }).read()
    expect(kills.map((k) => k.hostPid)).toEqual(Array.from({ length: KILLS_PER_CONTAINER }, (_, i) => 3002 + i))
  })

  it('goes on after EPIPE (records overwritten before they were read) and says so', () => {
    const reading = new KmsgReader({ fs: fakeKmsg([{ error: 'EPIPE' }, ...RECORDED]), bootMs: 0 }).read()
    expect(reading.overwritten).toBe(true)
    expect(reading.kills.map((k) => k.comm)).toEqual(['tail'])
  })

  it('not root (EPERM): says plainly why and that only the OOM kill counter is shown', () => {
    const fs = fakeKmsg(RECORDED, 'EPERM')
    const reading = new KmsgReader({ fs, bootMs: 0 }).read()
    expect(reading.kills).toEqual([])
    expect(reading.problem).toEqual({
      field: 'oomKills',
      reason: 'denied',
      message:
        "/dev/kmsg is readable only by root (or CAP_SYSLOG while kernel.dmesg_restrict is 1): EPERM. Which process the OOM killer chose is unknown; only the cgroup's OOM kill counter is shown."
    })
  })

  it('a read refused after opening closes the log and reports it', () => {
    const fs = fakeKmsg([RECORDED[0]!, { error: 'EACCES' }])
    const reader = new KmsgReader({ fs, bootMs: 0 })
    expect(reader.read().problem?.reason).toBe('denied')
    expect(fs.closed).toBe(true)
  })
})
