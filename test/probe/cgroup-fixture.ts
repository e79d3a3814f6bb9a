// Shared by the cgroup tests: where the fixture trees are and a minimal /proc/<pid>/cgroup parser
// (the probe's own parser lives in proc-cgroup.ts; this one only has to read our fixture files).
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { CgroupMembership } from '../../shared/model'

export const FIXTURES = join(__dirname, '..', 'fixtures', 'cgroup')

/** The `sys/fs/cgroup` tree of a fixture folder: what the probe gets as its cgroup root. */
export function cgroupRootOf(fixture: string): string {
  return join(FIXTURES, fixture, 'sys', 'fs', 'cgroup')
}

export function parseProcCgroup(text: string): CgroupMembership[] {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const first = line.indexOf(':')
      const second = line.indexOf(':', first + 1)
      const controllers = line.slice(first + 1, second)
      return {
        hierarchyId: Number(line.slice(0, first)),
        controllers: controllers === '' ? [] : controllers.split(','),
        path: line.slice(second + 1)
      }
    })
}

export function membershipsOf(fixture: string, file = 'proc-cgroup.txt'): CgroupMembership[] {
  return parseProcCgroup(readFileSync(join(FIXTURES, fixture, file), 'utf8'))
}
