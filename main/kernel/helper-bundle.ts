// The bundled probe's files as one stream, for a helper whose image brings its own Node: a daemon on
// another kernel (Docker Desktop's VM, a remote host) cannot bind a folder of this machine, so the
// files go over the helper's stdin ahead of its commands (helper-bootstrap.ts reads them).
// Format: the byte length of a JSON document in decimal, a newline, then the document
// { entry, files: { <path relative to out/main>: <source> } }.
import { readFileSync, realpathSync } from 'node:fs'
import { dirname, posix, relative, resolve } from 'node:path'

/** The file a user writes the bundle to (`glasshouse helper-bundle -o …`), named in the shown command. */
export const HELPER_BUNDLE_FILE = 'glasshouse-helper.bundle'

export interface HelperBundleContents {
  entry: string
  files: Record<string, string>
}

/**
 * helper.js and every file it requires by a relative path, transitively (its chunks). Everything else it
 * requires must be a Node built-in: the bundle carries no node_modules.
 */
export function helperBundleContents(helperScript: string): HelperBundleContents {
  const entryPath = realpathSync(helperScript)
  const root = dirname(entryPath)
  const files: Record<string, string> = {}
  const visit = (path: string): void => {
    const name = relative(root, path).split('\\').join('/')
    if (name in files) return
    const text = readFileSync(path, 'utf8')
    files[name] = text
    for (const match of text.matchAll(/require\((["'])(\.{1,2}\/[^"']+)\1\)/g)) visit(resolve(dirname(path), match[2]!))
  }
  visit(entryPath)
  return { entry: posix.basename(entryPath), files }
}

export function encodeHelperBundle(contents: HelperBundleContents): Buffer {
  const json = Buffer.from(JSON.stringify(contents), 'utf8')
  return Buffer.concat([Buffer.from(`${json.length}\n`), json])
}

export function helperBundle(helperScript: string): Buffer {
  return encodeHelperBundle(helperBundleContents(helperScript))
}
