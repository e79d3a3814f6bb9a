// The name of a tracefs instance Glasshouse creates: glasshouse-<pid>-<start>-<n>, the owner's pid, its
// start time (field 22 of /proc/<pid>/stat, so a reused pid is not taken for the owner) and a counter
// (two observations by one process use two instances).

export const INSTANCE_PREFIX = 'glasshouse-'

export interface InstanceOwner {
  pid: number
  start: string
  seq: number
}

export function instanceName(owner: InstanceOwner): string {
  return `${INSTANCE_PREFIX}${owner.pid}-${owner.start}-${owner.seq}`
}

export function parseInstanceName(name: string): InstanceOwner | null {
  const m = /^glasshouse-(\d+)-(\d+)-(\d+)$/.exec(name)
  return m ? { pid: Number(m[1]), start: m[2]!, seq: Number(m[3]) } : null
}
