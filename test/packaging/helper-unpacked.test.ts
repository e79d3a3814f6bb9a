// The helper container binds the bundled probe from the file system (a daemon cannot read inside
// app.asar): electron-builder.yml must unpack out/main/helper.js and every chunk it loads, and
// nothing else of the main bundle (what is unpacked escapes the asar integrity check).
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, relative, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

const builderRequire = createRequire(require.resolve('app-builder-lib'))
const yaml = builderRequire('js-yaml') as { load(text: string): unknown }
const { minimatch } = builderRequire('minimatch') as { minimatch(path: string, pattern: string, options?: object): boolean }

/** out/main/helper.js and every file it requires, transitively, relative to the repository. */
function helperClosure(entry = resolve('out/main/helper.js')): string[] {
  const seen = new Set<string>()
  const visit = (file: string): void => {
    if (seen.has(file)) return
    seen.add(file)
    for (const match of readFileSync(file, 'utf8').matchAll(/require\("(\.{1,2}\/[^"]+)"\)/g)) visit(resolve(dirname(file), match[1]!))
  }
  visit(entry)
  return [...seen].map((file) => relative(resolve('.'), file))
}

function unpackPatterns(): string[] {
  const config = yaml.load(readFileSync('electron-builder.yml', 'utf8')) as { asarUnpack?: string[] | string }
  return [config.asarUnpack ?? []].flat()
}

const unpacked = (file: string): boolean => unpackPatterns().some((pattern) => minimatch(file, pattern, { dot: true }))

describe('the helper outside app.asar', () => {
  it('unpacks the built helper entry and every chunk it requires', () => {
    const closure = helperClosure()
    expect(closure[0]).toBe('out/main/helper.js')
    expect(closure.length).toBeGreaterThan(1)
    expect(closure.filter((file) => !unpacked(file))).toEqual([])
  })

  it('leaves the app, the command line and their other chunks inside the asar', () => {
    for (const file of ['out/main/index.js', 'out/main/cli.js', 'out/preload/index.js']) expect(unpacked(file), file).toBe(false)
    const closure = new Set(helperClosure())
    const chunks = readFileSync('out/main/cli.js', 'utf8').match(/chunks\/[\w-]+\.js/g) ?? []
    for (const chunk of chunks.map((c) => `out/main/${c}`).filter((c) => !closure.has(c))) expect(unpacked(chunk), chunk).toBe(false)
  })
})
