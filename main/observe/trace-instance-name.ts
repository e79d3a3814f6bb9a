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

// A kprobe group is named after its instance: the kernel takes only [A-Za-z0-9_] in group names (a dash
// was refused before 6.2), so the dashes become underscores.
export const KPROBE_GROUP_PREFIX = 'glasshouse_'

export function kprobeGroupOf(instance: string): string {
  return instance.replace(/-/g, '_')
}

/** The instance a glasshouse_<pid>_<start>_<seq> group belongs to, or null for another group. */
export function instanceOfKprobeGroup(group: string): string | null {
  const m = /^glasshouse_(\d+)_(\d+)_(\d+)$/.exec(group)
  return m ? instanceName({ pid: Number(m[1]), start: m[2]!, seq: Number(m[3]) }) : null
}
