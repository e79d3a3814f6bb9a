import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import react from '@vitejs/plugin-react'

// Three Node entries share one main build: the Electron app, the command line,
// and the standalone probe process (pure Node, no dependencies, so it can run
// as its own process or as an unprivileged user).
export default defineConfig({
  main: {
    build: {
      rollupOptions: {
        input: {
          index: resolve('main/electron/index.ts'),
          cli: resolve('main/cli/index.ts'),
          probe: resolve('main/probe/probe-process.ts')
        }
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
