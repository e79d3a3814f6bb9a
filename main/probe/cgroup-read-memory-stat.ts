// memory.stat as the parts of a cgroup's memory (honest memory, issue 11 item 3; kernel-facts §5.1, §5.2).
// Pure: parsed memory.stat in, MemoryBreakdown out. v1 names its subtree totals `total_*` (what
// memory.usage_in_bytes counts too); a v1 kernel without them (no hierarchy) has only the local keys.
import type { MemoryBreakdown } from '../../shared/model'

type Stat = ReadonlyMap<string, bigint>

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER)

/** The first of `keys` that memory.stat has, as a number; null when none is there or the value is not a byte count. */
function bytes(stat: Stat, ...keys: string[]): number | null {
  for (const key of keys) {
    const n = stat.get(key)
    if (n !== undefined) return n < 0n || n > MAX_SAFE ? null : Number(n)
  }
  return null
}

function sum(values: readonly (number | null)[]): number | null {
  return values.every((v) => v === null) ? null : values.reduce<number>((a, v) => a + (v ?? 0), 0)
}

/** The kernel drops or writes back file pages on the two file LRU lists; shmem sits on the anon lists (swap only). */
function reclaimable(active: number | null, inactive: number | null): number | null {
  return active === null || inactive === null ? null : active + inactive
}

/**
 * cgroup v1. Kernel memory is not in memory.stat but in memory.kmem.usage_in_bytes (`kmemBytes`, null when the
 * kernel has no kmem accounting); it is charged to memory.usage_in_bytes as well. TCP buffers have their own v1
 * counter (memory.kmem.tcp.*) that is not part of the usage, so sock stays null.
 */
export function memoryBreakdownV1(stat: Stat, kmemBytes: number | null): MemoryBreakdown {
  const activeFileBytes = bytes(stat, 'total_active_file', 'active_file')
  const inactiveFileBytes = bytes(stat, 'total_inactive_file', 'inactive_file')
  return {
    cgroupVersion: 1,
    anonBytes: bytes(stat, 'total_rss', 'rss'),
    activeFileBytes,
    inactiveFileBytes,
    shmemBytes: bytes(stat, 'total_shmem', 'shmem'),
    kernelBytes: kmemBytes,
    sockBytes: null,
    cacheBytes: bytes(stat, 'total_cache', 'cache'),
    mappedFileBytes: bytes(stat, 'total_mapped_file', 'mapped_file'),
    reclaimableBytes: reclaimable(activeFileBytes, inactiveFileBytes)
  }
}

/**
 * cgroup v2 (already hierarchical). `kernel` exists since 5.18; before, the kernel part is the sum of the keys
 * it is made of (stacks, page tables, per-CPU data, slab).
 */
export function memoryBreakdownV2(stat: Stat): MemoryBreakdown {
  const activeFileBytes = bytes(stat, 'active_file')
  const inactiveFileBytes = bytes(stat, 'inactive_file')
  const kernelParts = ['kernel_stack', 'pagetables', 'percpu', 'slab'].map((key) => bytes(stat, key))
  return {
    cgroupVersion: 2,
    anonBytes: bytes(stat, 'anon'),
    activeFileBytes,
    inactiveFileBytes,
    shmemBytes: bytes(stat, 'shmem'),
    kernelBytes: bytes(stat, 'kernel') ?? sum(kernelParts),
    sockBytes: bytes(stat, 'sock'),
    cacheBytes: bytes(stat, 'file'),
    mappedFileBytes: bytes(stat, 'file_mapped'),
    reclaimableBytes: reclaimable(activeFileBytes, inactiveFileBytes)
  }
}
