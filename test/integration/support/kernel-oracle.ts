// Independent readings of the kernel for tests to compare the snapshot against.
// Deliberately simple and separate from the probe's parsers, and capabilities are decoded
// by libcap's capsh, so a bug in the probe cannot hide in both sides.
import { execFileSync } from 'node:child_process'
import { readFileSync, readdirSync, statSync } from 'node:fs'
import { cgroupPathOf } from './cgroup-oracle'

export function statusField(pid: number, key: string): string {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${key}:`))
  if (line === undefined) throw new Error(`no ${key} in /proc/${pid}/status`)
  return line.slice(key.length + 1).trim()
}

/** capsh --decode=00000000a80425fb → ['CAP_CHOWN', …] in capsh's (bit) order. */
export function capshDecode(hex: string): string[] {
  const out = execFileSync('capsh', [`--decode=${hex}`], { encoding: 'utf8' }).trim()
  const list = out.split('=')[1] ?? ''
  return list === '' ? [] : list.split(',').map((c) => (c.startsWith('cap_') ? c.toUpperCase() : `CAP_${c}`))
}

export function namespaceInode(pid: number, type: string): number {
  return statSync(`/proc/${pid}/ns/${type}`).ino
}

/** The cgroup of a pid in one v1 controller, as /proc/<pid>/cgroup lists it (v1 only: see cgroup-oracle.ts for either layout). */
export function cgroupOf(pid: number, controller: string): string {
  for (const line of readFileSync(`/proc/${pid}/cgroup`, 'utf8').trim().split('\n')) {
    const [, controllers, path] = line.split(':')
    if (controllers?.split(',').includes(controller)) return path ?? ''
  }
  throw new Error(`pid ${pid} has no ${controller} cgroup`)
}

/** A v1 controller's file (v1 only: see cgroup-oracle.ts for either layout). */
export function cgroupFile(controller: string, path: string, file: string): string {
  return readFileSync(`/sys/fs/cgroup/${controller}${path}/${file}`, 'utf8').trim()
}

/** Every host pid whose cgroup (memory on v1, unified on v2) is `path`, read straight from /proc. */
export function pidsInCgroup(path: string): number[] {
  const pids: number[] = []
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      if (cgroupPathOf(Number(entry)) === path) pids.push(Number(entry))
    } catch {
      // Exited while we looked, or a kernel thread without cgroups.
    }
  }
  return pids.sort((a, b) => a - b)
}

/** The host pids of a container's processes whose NSpid chain ends in the given in-namespace pid. */
export function nspid(pid: number): number[] {
  return statusField(pid, 'NSpid').split(/\s+/).map(Number)
}
