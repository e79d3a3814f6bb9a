import { defineConfig } from 'vitest/config'
import react from '@vitejs/plugin-react'

// Three projects: fast unit tests on fixtures, integration tests against the real
// Docker daemon and /proc (global setup starts the daemon and builds the image),
// and renderer component tests in jsdom.
export default defineConfig({
  test: {
    // The JSON report lets .ci/run print plain totals whatever the console reporter looks like.
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
    projects: [
      {
        test: {
          name: 'unit',
          environment: 'node',
          include: ['test/**/*.test.ts'],
          exclude: ['test/integration/**', 'test/renderer/**', 'test/e2e/**']
        }
      },
      {
        test: {
          name: 'integration',
          environment: 'node',
          include: ['test/integration/**/*.test.ts'],
          globalSetup: ['test/integration/support/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false
        }
      },
      {
        plugins: [react()],
        test: {
          name: 'renderer',
          environment: 'jsdom',
          include: ['test/renderer/**/*.test.{ts,tsx}'],
          setupFiles: ['test/renderer/setup-dom.ts']
        }
      }
    ]
  }
})
