// What the helper container binds from this host, read-only: the running Node executable, the
// shared libraries it loads (as ldd lists them), the folder of the bundled helper script and the
// cgroup tree. The image itself is empty, so these binds are everything the helper runs on;
// they only make sense for a daemon on this very host (same files, same kernel).
import { execFileSync } from 'node:child_process'
import { realpathSync } from 'node:fs'
import { dirname, join } from 'node:path'

export interface Bind {
  source: string
  target: string
}

/** Where the helper's folder appears inside the container. */
export const HELPER_DIR_INSIDE = '/glasshouse'

/**
 * The libraries `ldd` names for an executable, each bound from its real file to the path the loader
 * asks for (on Debian /lib64/ld-linux-x86-64.so.2 is a symlink into /usr/lib; binding the link's
 * path with the real file works in an image that has neither folder).
 */
export function libraryBinds(executable: string): Bind[] {
  let listing: string
  try {
    listing = execFileSync('ldd', [executable], { encoding: 'utf8' })
  } catch (error) {
    // A static executable: ldd says "not a dynamic executable" and exits 1; it needs no libraries.
    const output = String((error as { stdout?: unknown }).stdout ?? '') + String((error as { stderr?: unknown }).stderr ?? '')
    if (/not a dynamic executable|statically linked/.test(output)) return []
    throw new Error(`cannot list the libraries of ${executable} with ldd: ${(error as Error).message}`)
  }
  return parseLdd(listing).map((path) => ({ source: realpathSync(path), target: path }))
}

/** The absolute paths in ldd's output ("libc.so.6 => /lib/…/libc.so.6 (0x…)", "/lib64/ld-linux… (0x…)"). */
export function parseLdd(listing: string): string[] {
  const paths = new Set<string>()
  for (const line of listing.split('\n')) {
    const path = /(?:=>\s*)?(\/\S+)\s+\(0x[0-9a-f]+\)/.exec(line)?.[1]
    if (path) paths.add(path)
  }
  return [...paths]
}

/**
 * `executable` null: the image brings its own Node. `helperScript` null: the probe's files are sent on
 * stdin (helper-bundle.ts), not bound. The cgroup tree is a path on the daemon's host: always bound.
 */
export function helperBinds(options: { executable: string | null; helperScript: string | null; cgroupRoot?: string }): Bind[] {
  const node = options.executable === null ? [] : [{ source: realpathSync(options.executable), target: options.executable }, ...libraryBinds(options.executable)]
  const probe = options.helperScript === null ? [] : [{ source: dirname(realpathSync(options.helperScript)), target: HELPER_DIR_INSIDE }]
  return [...node, ...probe, { source: options.cgroupRoot ?? '/sys/fs/cgroup', target: '/sys/fs/cgroup' }]
}

export function helperScriptInside(helperScript: string): string {
  return join(HELPER_DIR_INSIDE, realpathSync(helperScript).split('/').pop() ?? 'helper.js')
}
