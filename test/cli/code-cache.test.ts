// The command line's V8 code cache (bin/code-cache.cjs, made by scripts/build-code-cache.cjs): the built
// bundle loads every file with its cache, and a cache that no longer matches its file is rejected by V8
// and the file still runs. Each case runs in a child process: the cache hooks Node's module loader.
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'

const REPO = resolve(__dirname, '../..')
const CODE_CACHE = join(REPO, 'bin/code-cache.cjs')
const scratch = mkdtempSync(join(tmpdir(), 'glasshouse-code-cache-'))
afterAll(() => rmSync(scratch, { recursive: true, force: true }))

let runs = 0
/** Runs `body` in a fresh Node with installCodeCache(root[, produce]) done; what body returns and the cache's counts at exit. */
function inChild(root: string, body: string, produce = false): unknown {
  const answer = join(scratch, `answer-${++runs}.json`)
  const script = `
    const { writeFileSync } = require('node:fs')
    const made = []
    const stats = require(${JSON.stringify(CODE_CACHE)}).installCodeCache(${JSON.stringify(root)}, ${produce ? '(s, f) => made.push([s, f])' : 'undefined'})
    let result
    process.on('exit', () => {
      for (const [s, f] of made) writeFileSync(f, s.createCachedData())
      writeFileSync(${JSON.stringify(answer)}, JSON.stringify({ stats, result }))
    })
    result = (() => { ${body} })()`
  execFileSync(process.execPath, ['-e', script], { stdio: 'ignore' })
  return JSON.parse(readFileSync(answer, 'utf8'))
}

describe('the code cache', () => {
  it('is used for a file it was made from, and rejected (the file still runs) once the file changed', () => {
    const dir = join(scratch, 'module')
    execFileSync('mkdir', ['-p', dir])
    const file = join(dir, 'answer.js')
    writeFileSync(file, "exports.answer = () => 'forty-two'\n")
    inChild(dir, `return require(${JSON.stringify(file)}).answer()`, true)
    expect(existsSync(`${file}.v8cache`)).toBe(true)

    expect(inChild(dir, `return require(${JSON.stringify(file)}).answer()`)).toEqual({ stats: { used: 1, rejected: 0, missing: 0 }, result: 'forty-two' })
    writeFileSync(file, "exports.answer = () => 'changed since the cache was made'\n")
    expect(inChild(dir, `return require(${JSON.stringify(file)}).answer()`)).toEqual({
      stats: { used: 0, rejected: 1, missing: 0 },
      result: 'changed since the cache was made'
    })
  })

  it('a module compiled with it gets the require, module and paths Node gives', () => {
    const dir = join(scratch, 'require')
    execFileSync('mkdir', ['-p', dir])
    writeFileSync(join(dir, 'dep.js'), 'module.exports = 7\n')
    writeFileSync(
      join(dir, 'main.js'),
      "module.exports = { dep: require('./dep'), resolved: require.resolve('./dep'), dir: __dirname, file: __filename, self: module.exports === exports, main: require.main === process.mainModule }\n"
    )
    const { result } = inChild(dir, `return require(${JSON.stringify(join(dir, 'main.js'))})`) as { result: Record<string, unknown> }
    expect(result).toEqual({ dep: 7, resolved: join(dir, 'dep.js'), dir, file: join(dir, 'main.js'), self: true, main: true })
  })

  it('the build made a cache for the bundle that every file a snapshot loads uses', () => {
    const out = join(REPO, 'out/main')
    if (!existsSync(join(out, 'cli.js'))) throw new Error('out/ is missing: run `npm run build` first (npm test does)')
    expect(readdirSync(join(out, 'chunks')).some((f) => f.endsWith('.js.v8cache'))).toBe(true)
    const { stats } = inChild(out, `process.argv = [process.argv[0], 'glasshouse', 'snapshot', '--json', '--no-engine']; require(${JSON.stringify(join(out, 'cli.js'))}); return null`) as {
      stats: { used: number; rejected: number; missing: number }
    }
    // The entry, the command's chunk, the probe and the model: more than a handful.
    expect(stats.used).toBeGreaterThan(5)
    expect(stats.rejected).toBe(0)
    expect(stats.missing).toBe(0)
  })
})
