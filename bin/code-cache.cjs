// A V8 code cache for the command line's bundle (Node 20 has no module.enableCompileCache). Each file
// under `root` is compiled through vm.Script with the cache written next to it at build time
// (scripts/build-code-cache.cjs: `<file>.v8cache`); it saves the parsing and compiling of the functions
// a command runs, ~20-30 ms of a snapshot's ~270 ms of CPU (BENCHMARKS.md). Nothing is written at run
// time. V8 checks a cache against its own version, flags and the source, and rejects a stale one
// (cachedDataRejected): the file is then compiled as without a cache. No cache file: the same.
'use strict'
const Module = require('node:module')
const vm = require('node:vm')
const { readFileSync } = require('node:fs')
const { dirname, sep } = require('node:path')

const CACHE_SUFFIX = '.v8cache'

/**
 * Compiles every file Node loads from under `root` (an absolute directory) with its cache. `onScript`
 * (the build script's) sees each compiled script and its cache file's path. Returns counts, for tests.
 */
function installCodeCache(root, onScript) {
  const prefix = root.endsWith(sep) ? root : root + sep
  const stats = { used: 0, rejected: 0, missing: 0 }
  const compile = Module.prototype._compile
  Module.prototype._compile = function compileWithCache(content, filename) {
    if (!filename.startsWith(prefix) || !filename.endsWith('.js')) return compile.call(this, content, filename)
    const cacheFile = filename + CACHE_SUFFIX
    let cachedData
    try {
      cachedData = onScript ? undefined : readFileSync(cacheFile)
    } catch {
      stats.missing++
    }
    const script = new vm.Script(Module.wrap(content), {
      filename,
      cachedData,
      importModuleDynamically: vm.constants?.USE_MAIN_CONTEXT_DEFAULT_LOADER
    })
    if (cachedData) stats[script.cachedDataRejected ? 'rejected' : 'used']++
    onScript?.(script, cacheFile)
    const wrapper = script.runInThisContext({ displayErrors: true })
    return wrapper.call(this.exports, this.exports, makeRequire(this), this, filename, dirname(filename))
  }
  return stats
}

/** What Node's own loader gives a CommonJS module as `require`. */
function makeRequire(module) {
  const require = (id) => module.require(id)
  require.resolve = (request, options) => Module._resolveFilename(request, module, false, options)
  require.resolve.paths = (request) => Module._resolveLookupPaths(request, module)
  require.main = process.mainModule
  require.extensions = Module._extensions
  require.cache = Module._cache
  return require
}

module.exports = { installCodeCache, CACHE_SUFFIX }
