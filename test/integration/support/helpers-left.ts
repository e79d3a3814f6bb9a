// Helper containers on the real daemon, by their labels: what a test asserts is left (nothing).
import Docker from 'dockerode'
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { HELPER_LABEL, OWNER_PID_LABEL } from '../../../main/kernel/helper-owner'
import { BUILT_MAIN } from './cli'

export const BUILT_HELPER = resolve(BUILT_MAIN, 'helper.js')

export function assertHelperBuilt(): void {
  if (!existsSync(BUILT_HELPER)) throw new Error('out/main/helper.js is missing: run `npm run build` before the integration tests')
}

/** Helper containers (running or not) whose owner label names one of these pids. */
export async function helpersOwnedBy(...pids: number[]): Promise<string[]> {
  const listed = await new Docker().listContainers({ all: true, filters: { label: [`${HELPER_LABEL}=1`] } })
  return listed.filter((c) => pids.map(String).includes(c.Labels[OWNER_PID_LABEL] ?? '')).map((c) => c.Id)
}
