// Where the counter fixture trees are (test/fixtures/cgroup-counters/README.md) and how to read one container.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { CgroupMembership } from '../../shared/model'
import { parseProcCgroup } from './cgroup-fixture'

export const COUNTER_FIXTURES = join(__dirname, '..', 'fixtures', 'cgroup-counters')

/** The cgroup root of a fixture folder, or of a sub-moment such as `later`. */
export function counterRootOf(fixture: string, moment = ''): string {
  return join(COUNTER_FIXTURES, fixture, moment, 'sys', 'fs', 'cgroup')
}

export function counterMembershipsOf(fixture: string, name: string): CgroupMembership[] {
  return parseProcCgroup(readFileSync(join(COUNTER_FIXTURES, fixture, `proc-cgroup-${name}.txt`), 'utf8'))
}
