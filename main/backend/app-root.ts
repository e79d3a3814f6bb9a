// Finds the folder Glasshouse was installed in: the one holding its own package.json. The bundler
// puts shared code in out/main/chunks/, so a path relative to the code's own folder breaks whenever
// the bundle's layout changes; the package root is the same in every build: the repository
// (out/ beside package.json), the npm package (node_modules/glasshouse/) and the packaged app
// (resources/app.asar/, which Electron's fs reads like a folder).
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'

export const PACKAGE_NAME = 'glasshouse'

/** The nearest folder at or above startDir whose package.json is named "glasshouse"; null if none. */
export function findAppRoot(startDir: string): string | null {
  let dir = startDir
  for (;;) {
    if (namesGlasshouse(join(dir, 'package.json'))) return dir
    const parent = dirname(dir)
    if (parent === dir) return null
    dir = parent
  }
}

function namesGlasshouse(packageJson: string): boolean {
  try {
    return (JSON.parse(readFileSync(packageJson, 'utf8')) as { name?: unknown }).name === PACKAGE_NAME
  } catch {
    // Missing, unreadable or not JSON: not ours, keep walking up.
    return false
  }
}
