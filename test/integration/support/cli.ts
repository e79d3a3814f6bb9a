// Runs the built `glasshouse` command the way a user does, and parses its JSON.
import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { promisify } from 'node:util'
import type { HostSnapshot } from '../../../shared/model'

const run = promisify(execFile)

export const REPO_ROOT = resolve(__dirname, '../../..')
export const CLI = resolve(REPO_ROOT, 'bin/glasshouse.cjs')
export const BUILT_MAIN = resolve(REPO_ROOT, 'out/main')

export function assertBuilt(): void {
  if (!existsSync(resolve(BUILT_MAIN, 'cli.js'))) {
    throw new Error('out/main/cli.js is missing: run `npm run build` before the integration tests (npm test does).')
  }
}

export async function glasshouse(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<{ stdout: string; stderr: string }> {
  assertBuilt()
  return run(process.execPath, [CLI, ...args], { env, maxBuffer: 256 * 1024 * 1024 })
}

export async function snapshotJson(args: string[] = [], env?: NodeJS.ProcessEnv): Promise<HostSnapshot> {
  const { stdout } = await glasshouse(['snapshot', '--json', ...args], env)
  return JSON.parse(stdout) as HostSnapshot
}
