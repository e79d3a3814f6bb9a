// The helper container Glasshouse itself starts to read the kernel (label glasshouse.helper=1): it
// runs with the host's PID namespace and SYS_PTRACE, so it would look like a risky user container.
// The views name it for what it is and puts it after the user's own containers.
import type { ContainerInfo } from '../model'

/** The label main/kernel/helper-owner.ts puts on every helper container. */
export const GLASSHOUSE_HELPER_LABEL = 'glasshouse.helper'

export function isGlasshouseHelper(container: Pick<ContainerInfo, 'labels'>): boolean {
  // Labels can be absent in hand-built or older snapshots.
  return (container.labels as Record<string, string> | undefined)?.[GLASSHOUSE_HELPER_LABEL] === '1'
}

/** What the list calls it. */
export const GLASSHOUSE_HELPER_NAME = 'Glasshouse helper'
