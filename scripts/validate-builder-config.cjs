#!/usr/bin/env node
// Validates electron-builder.yml (or the file given) against electron-builder's own schema,
// offline and in about a second, without packaging anything. It calls an internal function of
// app-builder-lib (there is no public `validate` command), so electron-builder is pinned
// exactly in package.json; check this still works when it is upgraded. See toolchain.md §4.
// Beyond the schema it checks the rules this project relies on (fuses, no native rebuild).
const { readFileSync } = require('node:fs')
const { resolve } = require('node:path')

const EXPECTED_BUILDER = '26.17.0'

async function main() {
  const file = resolve(process.argv[2] ?? 'electron-builder.yml')
  const builderVersion = require('app-builder-lib/package.json').version
  if (builderVersion !== EXPECTED_BUILDER) {
    throw new Error(`app-builder-lib ${builderVersion} is installed; this script was written against ${EXPECTED_BUILDER} (internal API)`)
  }
  const yaml = require(require.resolve('js-yaml', { paths: [require.resolve('app-builder-lib')] }))
  const { validateConfiguration } = require('app-builder-lib/out/util/config/config')
  const { DebugLogger } = require('builder-util')

  const config = yaml.load(readFileSync(file, 'utf8'))
  if (config === null || typeof config !== 'object') throw new Error(`${file}: not a YAML mapping`)
  await validateConfiguration(config, new DebugLogger(false))

  const problems = []
  const fuses = config.electronFuses ?? {}
  const required = {
    runAsNode: false,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    enableEmbeddedAsarIntegrityValidation: true,
    onlyLoadAppFromAsar: true
  }
  for (const [fuse, value] of Object.entries(required)) {
    if (fuses[fuse] !== value) problems.push(`electronFuses.${fuse} must be ${value}`)
  }
  if (config.npmRebuild !== false) problems.push('npmRebuild must be false (a rebuild here targets the wrong ABI)')
  if (config.asar === false) problems.push('asar must stay on (onlyLoadAppFromAsar needs it)')
  const files = config.files ?? []
  for (const exclusion of ['!**/node_modules/cpu-features/**', '!**/node_modules/ssh2/lib/protocol/crypto/build/**']) {
    if (!files.includes(exclusion)) problems.push(`files must exclude the Node-ABI addon: ${exclusion}`)
  }
  const targets = (config.linux?.target ?? []).map((t) => (typeof t === 'string' ? t : t.target))
  for (const target of ['AppImage', 'deb']) if (!targets.includes(target)) problems.push(`linux.target must include ${target}`)
  if (problems.length > 0) throw new Error(`${file}:\n  - ${problems.join('\n  - ')}`)
  process.stdout.write(`${file}: valid\n`)
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`)
  process.exit(1)
})
