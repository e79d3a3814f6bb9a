// Which cgroup hierarchies are mounted under the cgroup root, judged from the directory itself
// (so a fixture tree works the same as /sys/fs/cgroup; no mountinfo).
//   pure v2: the root is a cgroup2 mount and has cgroup.controllers;
//   v1: one directory per hierarchy, named after its controllers (`cpu,cpuacct`, plus symlinks `cpu`, `cpuacct`);
//   hybrid: v1 plus a cgroup2 mount in a subdirectory (systemd calls it `unified`).
import { existsSync, readdirSync, statSync, type Dirent } from 'node:fs'
import { join } from 'node:path'
import type { CgroupHierarchy } from './types'

export function discoverHierarchy(cgroupRoot: string): CgroupHierarchy {
  if (existsSync(join(cgroupRoot, 'cgroup.controllers'))) {
    return { layout: 'v2', version: 2, v1: new Map(), unifiedDir: cgroupRoot }
  }
  const v1 = new Map<string, string>()
  let unifiedDir: string | null = null
  // Real directories first, so `cpu` maps to `cpu,cpuacct` rather than to the symlink pointing at it.
  const entries = listEntries(cgroupRoot).sort((a, b) => Number(a.isSymbolicLink()) - Number(b.isSymbolicLink()))
  for (const entry of entries) {
    const dir = join(cgroupRoot, entry.name)
    if (!isDirectory(dir)) continue
    if (existsSync(join(dir, 'cgroup.controllers'))) {
      // The cgroup2 part of a hybrid host; prefer the conventional name if there were ever two.
      if (unifiedDir === null || entry.name === 'unified') unifiedDir = dir
      continue
    }
    for (const controller of controllersOf(entry.name)) if (!v1.has(controller)) v1.set(controller, dir)
  }
  return { layout: unifiedDir === null ? 'v1' : 'hybrid', version: 1, v1, unifiedDir }
}

/** `cpu,cpuacct` → cpu, cpuacct; the systemd named hierarchy is listed as `name=systemd` in /proc/<pid>/cgroup. */
function controllersOf(dirName: string): string[] {
  if (dirName === 'systemd') return ['name=systemd']
  return dirName.split(',').filter((name) => name !== '')
}

function listEntries(dir: string): Dirent[] {
  try {
    return readdirSync(dir, { withFileTypes: true })
  } catch {
    // Unreadable or absent root: no hierarchies. Readers then report every value as 'missing'.
    return []
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory()
  } catch {
    return false
  }
}
