// The helper container Glasshouse itself starts to read the kernel (label glasshouse.helper=1): it
// runs with the host's PID namespace and SYS_PTRACE, so it would look like a risky user container.
// The list names it for what it is and puts it after the user's own containers.
import type { ContainerInfo } from '../../shared/model'

/** The label main/kernel/helper-owner.ts puts on every helper container. */
export const GLASSHOUSE_HELPER_LABEL = 'glasshouse.helper'

export function isGlasshouseHelper(container: Pick<ContainerInfo, 'labels'>): boolean {
  return container.labels[GLASSHOUSE_HELPER_LABEL] === '1'
}

/** What the list calls it. */
export const GLASSHOUSE_HELPER_NAME = 'Glasshouse helper'
