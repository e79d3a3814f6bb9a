// Honest memory (issue 11 item 3): a cgroup's memory usage as the parts memory.stat names, which of them the
// kernel can reclaim, and the figure `docker stats` shows with how it gets there (kernel-facts §5.4).
import { formatBytes } from '../format'
import type { CgroupUsage, CgroupVersion, MemoryBreakdown } from '../model'

export type MemoryPartKey = 'anon' | 'activeFile' | 'inactiveFile' | 'shmem' | 'kernel' | 'sock' | 'unitemised'

export interface MemoryPart {
  key: MemoryPartKey
  label: string
  bytes: number
  /** The kernel can drop (or write back) it under pressure without swap. */
  reclaimable: boolean
  /** What it is, in a few words. */
  note: string
}

export interface MemoryBreakdownView {
  cgroupVersion: CgroupVersion
  /** Stacking order: what the kernel keeps longest first, what it reclaims first last before the rest. */
  parts: MemoryPart[]
  /** Labels of parts this cgroup version does not report, with why. */
  notReported: string[]
  usageBytes: number | null
  limitBytes: number | null
  /** The bar's full width: the limit, else the larger of usage and the parts' sum. */
  scaleBytes: number
  /** Page cache the kernel can reclaim (active + inactive file lists) and its share of the usage. */
  reclaimableBytes: number | null
  reclaimableShare: number | null
  /** The kernel's own cache figure (v1 total_cache, v2 file): the file lists plus shmem. */
  cacheBytes: number | null
  /** What `docker stats` shows as MEM USAGE, and one line on how it gets there. */
  dockerStatsBytes: number | null
  dockerStatsNote: string
}

const INACTIVE_KEY: Record<CgroupVersion, string> = { 1: 'total_inactive_file', 2: 'inactive_file' }

/**
 * `docker stats` MEM USAGE (docker/cli calculateMemUsageUnixNoCache): usage minus the inactive file cache when
 * memory.stat has it and it is smaller than usage, else usage. (On v1, when total_inactive_file ≥ usage the CLI
 * tries the cgroup's local inactive_file next; a container's cgroup has no children, so the two are equal.)
 */
export function dockerStatsBytes(usageBytes: number | null, inactiveFileBytes: number | null): number | null {
  if (usageBytes === null) return null
  return inactiveFileBytes !== null && inactiveFileBytes < usageBytes ? usageBytes - inactiveFileBytes : usageBytes
}

export function memoryBreakdownOf(usage: CgroupUsage | null, limitBytes: number | null): MemoryBreakdownView | null {
  const b = usage?.memoryBreakdown
  if (!usage || !b) return null
  const usageBytes = usage.memoryBytes
  const parts = partsOf(b)
  const sum = parts.reduce((a, p) => a + p.bytes, 0)
  // What the kernel charged but memory.stat does not list (per-CPU charge batches, other kernel parts):
  // shown so the bar still ends at the usage, never hidden.
  // It goes before the reclaimable cache, so the inactive list stays last and the docker stats figure ends where it starts.
  if (usageBytes !== null && usageBytes > sum) {
    const firstReclaimable = parts.findIndex((p) => p.reclaimable)
    parts.splice(firstReclaimable === -1 ? parts.length : firstReclaimable, 0, { key: 'unitemised', label: 'not itemised', bytes: usageBytes - sum, reclaimable: false, note: 'charged but not listed in memory.stat (per-CPU batches)' })
  }
  const docker = dockerStatsBytes(usageBytes, b.inactiveFileBytes)
  return {
    cgroupVersion: b.cgroupVersion,
    parts,
    notReported: notReported(b),
    usageBytes,
    limitBytes,
    scaleBytes: Math.max(limitBytes ?? 0, usageBytes ?? 0, sum, 1),
    reclaimableBytes: b.reclaimableBytes,
    reclaimableShare: b.reclaimableBytes !== null && usageBytes ? b.reclaimableBytes / usageBytes : null,
    cacheBytes: b.cacheBytes,
    dockerStatsBytes: docker,
    dockerStatsNote: dockerStatsNote(b, usageBytes, docker)
  }
}

function partsOf(b: MemoryBreakdown): MemoryPart[] {
  const all: Array<[MemoryPartKey, string, number | null, boolean, string]> = [
    ['anon', 'anonymous', b.anonBytes, false, 'heap and stacks; only swap frees it'],
    ['shmem', 'shmem / tmpfs', b.shmemBytes, false, 'tmpfs and shared memory; counted as cache, freed only by swap or deleting files'],
    ['kernel', 'kernel', b.kernelBytes, false, 'kernel objects charged to the cgroup (slab, stacks, page tables)'],
    ['sock', 'socket buffers', b.sockBytes, false, 'network buffers'],
    ['activeFile', 'active file cache', b.activeFileBytes, true, 'recently used page cache; reclaimed after the inactive list'],
    ['inactiveFile', 'inactive file cache', b.inactiveFileBytes, true, 'page cache the kernel reclaims first']
  ]
  return all.filter(([, , bytes]) => bytes !== null).map(([key, label, bytes, reclaimable, note]) => ({ key, label, bytes: bytes ?? 0, reclaimable, note }))
}

function notReported(b: MemoryBreakdown): string[] {
  const out: string[] = []
  if (b.anonBytes === null) out.push('anonymous')
  if (b.shmemBytes === null) out.push('shmem / tmpfs')
  if (b.kernelBytes === null) out.push(b.cgroupVersion === 1 ? 'kernel (no memory.kmem.usage_in_bytes: kernel built without kmem accounting)' : 'kernel')
  if (b.sockBytes === null) out.push(b.cgroupVersion === 1 ? 'socket buffers (v1 counts TCP memory apart, outside this usage)' : 'socket buffers')
  if (b.activeFileBytes === null || b.inactiveFileBytes === null) out.push('file cache lists')
  return out
}

function dockerStatsNote(b: MemoryBreakdown, usage: number | null, docker: number | null): string {
  const key = INACTIVE_KEY[b.cgroupVersion]
  if (usage === null || docker === null) return `docker stats shows usage − ${key}; the usage could not be read.`
  if (docker === usage) return `docker stats shows ${formatBytes(docker)}, all of the usage (${key} is ${formatBytes(b.inactiveFileBytes ?? 0)}): active cache, tmpfs and kernel memory count in it.`
  return `docker stats shows ${formatBytes(docker)} = usage ${formatBytes(usage)} − ${key} ${formatBytes(usage - docker)}: active cache, tmpfs and kernel memory still count in it.`
}

/** The CLI's one line: "12 MiB anon · 30 MiB cache (25 MiB reclaimable) · 0 shmem · 1 MiB kernel · docker stats 20 MiB". */
export function memorySummaryText(view: MemoryBreakdownView): string {
  const bytes = (n: number | null): string => (n === null ? '?' : n === 0 ? '0' : formatBytes(n))
  const part = (key: MemoryPartKey): number | null => view.parts.find((p) => p.key === key)?.bytes ?? null
  const pieces = [
    `${bytes(part('anon'))} anon`,
    `${bytes(view.cacheBytes)} cache (${bytes(view.reclaimableBytes)} reclaimable)`,
    `${bytes(part('shmem'))} shmem`,
    `${bytes(part('kernel'))} kernel`
  ]
  const sock = part('sock')
  if (sock) pieces.push(`${bytes(sock)} sock`)
  if (view.dockerStatsBytes !== null) pieces.push(`docker stats ${formatBytes(view.dockerStatsBytes)}`)
  return pieces.join(' · ')
}
