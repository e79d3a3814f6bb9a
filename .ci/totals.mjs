// Prints "N passed, N failed" from the test reports written by `npm test`.
import { existsSync, readFileSync } from 'node:fs'

const status = Number(process.argv[2] ?? 1)
let passed = 0
let failed = 0
let found = false
const vitest = 'test-results/vitest.json'
if (existsSync(vitest)) {
  const report = JSON.parse(readFileSync(vitest, 'utf8'))
  passed += report.numPassedTests ?? 0
  failed += (report.numFailedTests ?? 0) + (report.numRuntimeErrorTestSuites ?? 0)
  found = true
}
const playwright = 'test-results/playwright.json'
if (existsSync(playwright)) {
  const stats = JSON.parse(readFileSync(playwright, 'utf8')).stats ?? {}
  passed += stats.expected ?? 0
  failed += (stats.unexpected ?? 0) + (stats.flaky ?? 0)
  found = true
}
// A non-zero exit with no failed test means a stage failed outside the runners (typecheck, lint, build).
if (status !== 0 && failed === 0) failed = 1
if (!found && status === 0) failed = 1
console.log(`${passed} passed, ${failed} failed`)
