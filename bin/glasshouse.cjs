#!/usr/bin/env node
// Starts the bundled command line. It is built by `npm run build` (electron-vite).
const { existsSync } = require('node:fs')
const { join } = require('node:path')

const out = join(__dirname, '..', 'out', 'main')
const entry = join(out, 'cli.js')
if (!existsSync(entry)) {
  process.stderr.write('glasshouse: not built yet. Run `npm run build` first (or `npm ci && npm run build` on a fresh clone).\n')
  process.exit(1)
}
// The bundle's V8 code cache, made by the build (bin/code-cache.cjs); GLASSHOUSE_CODE_CACHE=0 turns it off.
if (process.env.GLASSHOUSE_CODE_CACHE !== '0') require('./code-cache.cjs').installCodeCache(out)
require(entry)
