// The command line's argument handling, without touching the host (no snapshot is taken).
import { describe, expect, it } from 'vitest'
import { listenAddressProblem } from '../../main/cli/listen-address'
import { joinDashValues } from '../../main/cli/parse-options'
import { runCli, usage } from '../../main/cli/run'

function io(): { out: string[]; err: string[]; io: Parameters<typeof runCli>[1] } {
  const out: string[] = []
  const err: string[] = []
  return { out, err, io: { stdout: (t) => out.push(t), stderr: (t) => err.push(t), env: {} } }
}

describe('runCli', () => {
  it('prints usage and exits 2 without a command', async () => {
    const t = io()
    expect(await runCli([], t.io)).toBe(2)
    expect(t.out.join('')).toBe(usage())
  })

  it('--help exits 0', async () => {
    const t = io()
    expect(await runCli(['--help'], t.io)).toBe(0)
    expect(await runCli(['snapshot', '--help'], t.io)).toBe(0)
  })

  it('names an unknown command', async () => {
    const t = io()
    expect(await runCli(['snapshto'], t.io)).toBe(2)
    expect(t.err.join('')).toContain('unknown command "snapshto"')
  })

  it('names an unknown option in one line', async () => {
    const t = io()
    expect(await runCli(['snapshot', '--jsn'], t.io)).toBe(2)
    expect(t.err.join('')).toBe("glasshouse snapshot: unknown option '--jsn' (glasshouse snapshot --help lists the options)\n")
  })

  it('says in its own words when an option lacks its value or takes none', async () => {
    const t = io()
    expect(await runCli(['watch', '--interval'], t.io)).toBe(2)
    expect(await runCli(['snapshot', '--json=yes'], t.io)).toBe(2)
    expect(t.err).toEqual([
      'glasshouse watch: --interval needs a value (glasshouse watch --help lists the options)\n',
      'glasshouse snapshot: --json takes no value (glasshouse snapshot --help lists the options)\n'
    ])
  })

  it('refuses a root directory that does not exist', async () => {
    const t = io()
    expect(await runCli(['snapshot', '--no-engine', '--cgroup-root', '/no/such/dir'], t.io)).toBe(2)
    expect(t.err.join('')).toContain('--cgroup-root /no/such/dir does not exist')
  })

  // Each of these is refused before the host is touched: one line of ours, exit code 2, nothing on stdout.
  it.each([
    [['watch', '--interval', '-1'], 'glasshouse watch: --interval must be between 250ms and 60s, got "-1"\n'],
    [['watch', '--interval', '-5s'], 'glasshouse watch: --interval must be between 250ms and 60s, got "-5s"\n'],
    [['watch', '--count', '-3'], 'glasshouse watch: --count must be a whole number from 1 to 9007199254740991, got "-3"\n'],
    [['watch', '--count', '99999999999999999999'], 'glasshouse watch: --count must be a whole number from 1 to 9007199254740991, got "99999999999999999999"\n'],
    [['watch', '--count', '9007199254740992'], 'glasshouse watch: --count must be a whole number from 1 to 9007199254740991, got "9007199254740992"\n'],
    [['watch', '--count', '1e3'], 'glasshouse watch: --count must be a whole number from 1 to 9007199254740991, got "1e3"\n'],
    [['serve', '--port', '-1'], 'glasshouse serve: --port must be a number from 0 to 65535, not "-1"\n'],
    [['serve', '--host', '1.2.3.4.5'], 'glasshouse serve: --host 1.2.3.4.5 is neither an IP address nor a host name\n'],
    [['serve', '--host', '[1.2.3.4]'], 'glasshouse serve: --host [1.2.3.4] is not an IPv6 address\n'],
    [['serve', '--host', ''], 'glasshouse serve: --host needs an address\n']
  ])('refuses %j in one line with exit code 2', async (argv, message) => {
    const t = io()
    expect(await runCli(argv, t.io)).toBe(2)
    expect(t.err).toEqual([message])
    expect(t.out).toEqual([])
  })
})

describe('joinDashValues', () => {
  const options = { interval: { type: 'string' as const }, json: { type: 'boolean' as const }, help: { type: 'boolean' as const, short: 'h' } }

  it('joins a value that starts with a dash to its option, and leaves our own options alone', () => {
    expect(joinDashValues(['--interval', '-1', '--json'], options)).toEqual(['--interval=-1', '--json'])
    expect(joinDashValues(['--interval', '--json'], options)).toEqual(['--interval', '--json'])
    expect(joinDashValues(['--interval', '-h'], options)).toEqual(['--interval', '-h'])
    expect(joinDashValues(['--json', '-1'], options)).toEqual(['--json', '-1'])
    expect(joinDashValues(['--', '--interval', '-1'], options)).toEqual(['--', '--interval', '-1'])
  })
})

describe('listenAddressProblem', () => {
  it('accepts addresses and well-formed host names', () => {
    for (const host of ['127.0.0.1', '0.0.0.0', '::1', '[::1]', 'fe80::1', 'localhost', 'build-box.example.org', 'host.'])
      expect(listenAddressProblem(host), host).toBeNull()
  })

  it('refuses what is neither', () => {
    for (const host of ['1.2.3.4.5', '300.1.1.1', '10.0.0', 'a..b', '-x.org', 'under_score', 'a b', '[::1', '[127.0.0.1]', 'x'.repeat(64)])
      expect(listenAddressProblem(host), host).not.toBeNull()
  })
})
