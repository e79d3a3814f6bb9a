import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { memoryBreakdownV1, memoryBreakdownV2 } from '../../main/probe/cgroup-read-memory-stat'
import { parseKeyedCounts } from '../../main/probe/cgroup-values'
import { FIXTURES } from './cgroup-fixture'

function stat(text: string): Map<string, bigint> {
  const parsed = parseKeyedCounts(text)
  if (!parsed.ok) throw new Error(parsed.detail)
  return parsed.value
}

const captured = (name: string): string => readFileSync(join(FIXTURES, 'v1-tmpfs-memory', name), 'utf8')

describe('memory.stat as a breakdown, cgroup v1 (captured: 20 MiB in a tmpfs)', () => {
  const kmem = Number(captured('memory.kmem.usage_in_bytes'))
  const b = memoryBreakdownV1(stat(captured('memory.stat')), kmem)

  it('reads the subtree totals, shmem apart from the file lists, kernel memory from memory.kmem.usage_in_bytes', () => {
    expect(b).toEqual({
      cgroupVersion: 1,
      anonBytes: 53248,
      activeFileBytes: 8192,
      inactiveFileBytes: 0,
      shmemBytes: 20 * 1024 * 1024,
      kernelBytes: 323584,
      // v1 TCP memory is a separate counter, not part of memory.usage_in_bytes.
      sockBytes: null,
      cacheBytes: 20979712,
      mappedFileBytes: 0,
      // The tmpfs is cache the kernel cannot drop: only the file lists count.
      reclaimableBytes: 8192
    })
  })

  it('its parts add up to memory.usage_in_bytes of the same read', () => {
    const parts = [b.anonBytes, b.activeFileBytes, b.inactiveFileBytes, b.shmemBytes, b.kernelBytes].map((v) => v ?? 0)
    expect(parts.reduce((a, v) => a + v, 0)).toBe(Number(captured('memory.usage_in_bytes')))
  })

  it('falls back to the local keys when a kernel lists no total_* (no hierarchy), and kernel null without kmem', () => {
    const local = memoryBreakdownV1(stat('cache 300\nrss 100\nshmem 50\nmapped_file 7\nactive_file 200\ninactive_file 50\n'), null)
    expect(local).toMatchObject({ anonBytes: 100, activeFileBytes: 200, inactiveFileBytes: 50, shmemBytes: 50, cacheBytes: 300, kernelBytes: null, reclaimableBytes: 250 })
  })
})

describe('memory.stat as a breakdown, cgroup v2', () => {
  it('takes kernel when the kernel lists it, else adds its parts; sock is part of the usage', () => {
    const withKernel = memoryBreakdownV2(stat('anon 10\nfile 30\nkernel 9\nkernel_stack 1\nslab 2\nsock 4\nshmem 5\nactive_file 15\ninactive_file 10\nfile_mapped 3\n'))
    expect(withKernel).toEqual({
      cgroupVersion: 2,
      anonBytes: 10,
      activeFileBytes: 15,
      inactiveFileBytes: 10,
      shmemBytes: 5,
      kernelBytes: 9,
      sockBytes: 4,
      cacheBytes: 30,
      mappedFileBytes: 3,
      reclaimableBytes: 25
    })
    expect(memoryBreakdownV2(stat('kernel_stack 1\npagetables 2\npercpu 3\nslab 4\n')).kernelBytes).toBe(10)
  })

  it('leaves a part null when memory.stat has none of its keys, and a value beyond 2^53 too', () => {
    const b = memoryBreakdownV2(stat('anon 1\nactive_file 99999999999999999999\n'))
    expect(b.kernelBytes).toBeNull()
    expect(b.sockBytes).toBeNull()
    expect(b.activeFileBytes).toBeNull()
    expect(b.reclaimableBytes).toBeNull()
  })
})
