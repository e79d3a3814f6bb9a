import { resolve } from 'node:path'
import type { Plugin } from 'vite'
import { defineConfig } from 'electron-vite'
import react from '@vitejs/plugin-react'

/**
 * dockerode is bundled rather than loaded from node_modules, trimmed of what a read-only tool
 * never uses: BuildKit (its session loads gRPC and protobuf, ~50 ms at every start), until
 * DOCKER_HOST asks for ssh://, the ssh2 client (~35 ms), until it asks for https, node:https and tls
 * (~8 ms), and docker-modem's debug logging: setting
 * up the `debug` package (tty, supports-color) at load, and a deep `util.inspect` of every request's
 * options, made whether or not DEBUG asks for it (~10 ms of a 52-request snapshot). Measured in
 * BENCHMARKS.md.
 */
function leanDockerode(): Plugin {
  const BUILDKIT = '\0glasshouse:no-buildkit'
  const LAZY_SSH = '\0glasshouse:lazy-ssh'
  const NO_DEBUG = '\0glasshouse:no-debug'
  const INSPECT_EVERY_REQUEST = /debug\('Sending: %s', util\.inspect\(options, \{[^}]*\}\)\);/
  // docker-modem's http.js wraps node:https at load; only its request is used, and only for https://.
  const EAGER_HTTPS = "var nativeHttps = require('https'),"
  const LAZY_HTTPS = "var nativeHttps = { request: function () { var https = require('https'); return https.request.apply(https, arguments) } },"
  return {
    name: 'glasshouse-lean-dockerode',
    // Before Vite's own resolver, which would otherwise resolve these files first.
    enforce: 'pre',
    resolveId(source, importer) {
      const inDockerode = importer?.includes('/node_modules/dockerode/lib/')
      if ((source === './session' || source === './buildkit') && inDockerode) return BUILDKIT
      if (source === './ssh' && importer?.includes('/node_modules/docker-modem/lib/')) return LAZY_SSH
      if (source === 'docker-modem/lib/ssh.js') return { id: source, external: true }
      if (source === 'debug' && importer?.includes('/node_modules/docker-modem/lib/')) return NO_DEBUG
      return null
    },
    transform(code, id) {
      if (id.endsWith('/node_modules/docker-modem/lib/http.js')) {
        if (!code.includes(EAGER_HTTPS)) this.error('docker-modem/lib/http.js no longer loads https the way this build defers')
        return { code: code.replace(EAGER_HTTPS, LAZY_HTTPS), map: null }
      }
      if (!id.endsWith('/node_modules/docker-modem/lib/modem.js')) return null
      // Fail the build rather than ship the cost again silently when docker-modem changes this line.
      if (!INSPECT_EVERY_REQUEST.test(code)) this.error('docker-modem/lib/modem.js no longer has the debug inspect this build removes')
      return { code: code.replace(INSPECT_EVERY_REQUEST, ''), map: null }
    },
    load(id) {
      if (id === BUILDKIT) {
        return [
          "function unsupported() { throw new Error('Glasshouse does not build images: BuildKit is left out of its bundle') }",
          'unsupported.followProgress = unsupported',
          'module.exports = unsupported'
        ].join('\n')
      }
      if (id === NO_DEBUG) return 'module.exports = function createDebug() { return function debug() {} }'
      if (id === LAZY_SSH) return "module.exports = function ssh(options) { return require('docker-modem/lib/ssh.js')(options) }"
      return null
    }
  }
}

/**
 * Chunks the command line's lazy commands share (run.ts imports each command when it runs). Without
 * them, whatever two commands share lands in the entry (cli.js) or in one command's chunk, and loading
 * `snapshot` would load it all back: the exit codes, option parsing and usage texts are one small chunk, and
 * dockerode (with its dependencies) its own, loaded only when a command asks the daemon.
 */
const CHUNK_GROUPS = [
  { name: 'cli-shared', test: /main[\\/](cli[\\/](exit-codes|parse-options|command-usage)|live[\\/]sample-interval|engine[\\/]docker-host-error)\.ts$/ },
  { name: 'dockerode', test: /node_modules[\\/]/ }
]

// Three Node entries share one main build: the Electron app, the command line, and the
// standalone probe process (pure Node, no dependencies, so it can run as its own process or
// as an unprivileged user from a copied out/main folder).
export default defineConfig({
  main: {
    plugins: [leanDockerode()],
    build: {
      externalizeDeps: { exclude: ['dockerode', 'docker-modem'] },
      rollupOptions: {
        input: {
          index: resolve('main/electron/index.ts'),
          cli: resolve('main/cli/index.ts'),
          probe: resolve('main/probe/probe-process.ts'),
          helper: resolve('main/kernel/helper-entry.ts')
        },
        output: { codeSplitting: { groups: CHUNK_GROUPS } }
      }
    }
  },
  preload: {
    build: { rollupOptions: { input: { index: resolve('main/preload/index.ts') } } }
  },
  renderer: {
    root: 'renderer',
    build: {
      minify: true,
      rollupOptions: { input: { index: resolve('renderer/index.html') } }
    },
    plugins: [react()]
  }
})
