// record, diff and snapshot --from refuse wrong arguments in one line, before touching the daemon.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCli, usage, type CliIo } from '../../main/cli/run'

function io(): CliIo & { out: () => string; err: () => string } {
  let out = ''
  let err = ''
  return { stdout: (t) => (out += t), stderr: (t) => (err += t), env: {}, out: () => out, err: () => err }
}

const DEMO = join(__dirname, '../../assets/recordings/demo.ndjson')

describe('usage errors', () => {
  it('record needs -o, a readable --for and a --max-size of at least 4K', async () => {
    for (const [args, message] of [
      [['record'], 'glasshouse record: -o FILE is required: where to write the recording\n'],
      [['record', '-o', '/tmp/x.ndjson', '--for', 'soon'], 'glasshouse record: --for must be a time such as 30s, 10m or 1h, got "soon"\n'],
      [['record', '-o', '/tmp/x.ndjson', '--max-size', '1K'], 'glasshouse record: --max-size must be a size of at least 4K, such as 500K, 50M or 1G, got "1K"\n']
    ] as const) {
      const t = io()
      expect(await runCli([...args], t)).toBe(2)
      expect(t.err()).toBe(message)
    }
  })

  it('diff needs two moments; one it cannot read fails with exit 1', async () => {
    const one = io()
    expect(await runCli(['diff', DEMO], one)).toBe(2)
    expect(one.err()).toContain('give two moments to compare, A and B (got 1)')
    const missing = io()
    expect(await runCli(['diff', DEMO, '/no/such.ndjson'], missing)).toBe(1)
    expect(missing.err()).toMatch(/^glasshouse diff: cannot read \/no\/such\.ndjson: ENOENT/)
    const bad = io()
    expect(await runCli(['diff', `${DEMO}@soon`, DEMO], bad)).toBe(1)
  })

  it('snapshot --at needs --from; --from prints the recorded host without asking any daemon', async () => {
    const t = io()
    expect(await runCli(['snapshot', '--at', '30s'], t)).toBe(2)
    expect(t.err()).toBe('glasshouse snapshot: --at needs --from FILE (a moment of a recording)\n')
    const from = io()
    expect(await runCli(['snapshot', '--from', DEMO, '--at', '10s', '--json'], from)).toBe(0)
    const snapshot = JSON.parse(from.out()) as { host: { hostname: string }; containers: unknown[] }
    const first = JSON.parse(readFileSync(DEMO, 'utf8').split('\n')[0]!) as { snapshot: { containers: unknown[] } }
    expect(snapshot.containers).toHaveLength(first.snapshot.containers.length)
  })

  it('the usage lists record and diff', () => {
    expect(usage()).toMatch(/record +write the live session to a recording file/)
    expect(usage()).toMatch(/diff +what changed between two snapshots, recordings or moments/)
  })
})
