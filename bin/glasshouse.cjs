#!/usr/bin/env node
// Starts the bundled command line. It is built by `npm run build` (electron-vite).
const { existsSync } = require('node:fs')
const { join } = require('node:path')

const entry = join(__dirname, '..', 'out', 'main', 'cli.js')
if (!existsSync(entry)) {
  process.stderr.write('glasshouse: not built yet. Run `npm run build` first (or `npm ci && npm run build` on a fresh clone).\n')
  process.exit(1)
}
require(entry)
