// The built preload must be CommonJS: a sandboxed preload cannot load an ES module.
// (`npm test` builds before it runs the tests; run `npx electron-vite build` when calling vitest alone.)
import { describe, expect, it } from 'vitest'
import { existsSync, readFileSync } from 'node:fs'

const BUNDLE = 'out/preload/index.js'

describe.skipIf(!existsSync(BUNDLE))('out/preload/index.js', () => {
  it('is CommonJS with no import or export statement', () => {
    const code = readFileSync(BUNDLE, 'utf8')
    expect(code).toMatch(/require\("electron"\)/)
    expect(code).not.toMatch(/^\s*import\s/m)
    expect(code).not.toMatch(/^\s*export\s/m)
    expect(code).not.toMatch(/\bimport\(/)
    expect(existsSync('out/preload/index.mjs')).toBe(false)
  })

  it('bundles the contract instead of requiring anything but electron', () => {
    const requires = [...readFileSync(BUNDLE, 'utf8').matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1])
    expect(requires).toEqual(['electron'])
  })
})
