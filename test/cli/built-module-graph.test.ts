// Which code a BUILT command loads: each command is its own chunk, loaded when it runs, so `snapshot`
// must not load the server, the WebSocket library or the live session, and `watch --no-engine` must not
// load dockerode. The loaded files are read from require.cache when the process exits, and the source
// modules each holds from the `// path/to/module.ts` comment the bundler puts before each one.
import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const run = promisify(execFile)
const REPO = resolve(__dirname, '../..')
const CLI = join(REPO, 'bin/glasshouse.cjs')
let scratch: string
let hook: string

beforeAll(() => {
  if (!existsSync(join(REPO, 'out/main/cli.js'))) throw new Error('out/ is missing: run `npm run build` first (npm test does)')
  scratch = mkdtempSync(join(tmpdir(), 'glasshouse-module-graph-'))
  hook = join(scratch, 'record-modules.cjs')
  // Preloaded with -r: at exit, the files Node loaded through require, one a line, then Node's own modules as `node:<name>`.
  writeFileSync(
    hook,
    "process.on('exit', () => require('node:fs').writeFileSync(process.env.GLASSHOUSE_LOADED_LIST, [...Object.keys(require.cache), ...process.moduleLoadList.filter((m) => m.startsWith('NativeModule ')).map((m) => 'node:' + m.slice(13))].join('\\n')))\n"
  )
})
afterAll(() => rmSync(scratch, { recursive: true, force: true }))

/** The source modules (and external packages) a built command loaded, as the bundle names them. */
async function modulesLoadedBy(args: string[], env: NodeJS.ProcessEnv = {}): Promise<string[]> {
  const list = join(scratch, `loaded-${args.join('-')}.txt`)
  await run(process.execPath, ['-r', hook, CLI, ...args], {
    env: { ...process.env, ...env, GLASSHOUSE_LOADED_LIST: list },
    maxBuffer: 256 * 1024 * 1024
  })
  const files = readFileSync(list, 'utf8').split('\n').filter(Boolean)
  const modules: string[] = []
  for (const file of files) {
    if (!file.startsWith(join(REPO, 'out'))) {
      modules.push(file)
      continue
    }
    for (const match of readFileSync(file, 'utf8').matchAll(/^\/\/ (\S+\.(?:ts|js|cjs|json))$/gm)) modules.push(match[1] as string)
  }
  return modules
}

// The live session and the watch command; the sampler itself comes along with the kernel source (main/kernel),
// which offers one.
const SERVE_OR_LIVE = /main\/(server|backend)\/|main\/live\/(live-session|history|oom-merge|refresh-scheduler)|main\/cli\/(serve|watch)-command|node_modules\/ws\//
const DOCKERODE = /node_modules\/(dockerode|docker-modem)\//
// What a snapshot read in-process as JSON does not need: the helper container's code, the text summary.
const HELPER_OR_TEXT = /main\/kernel\/helper-(source|container|spec|command)\.ts|main\/cli\/format-summary\.ts|node:readline|node:child_process/

describe('the built command line loads only what the command runs', () => {
  it('snapshot loads its own code, not dockerode, the server, ws or the live session', async () => {
    // A socket that does not exist: the engine is asked, the daemon is not disturbed.
    const loaded = await modulesLoadedBy(['snapshot', '--json'], { DOCKER_HOST: `unix://${join(scratch, 'no-docker.sock')}` })
    expect(loaded).toContain('main/cli/snapshot-command.ts')
    expect(loaded).toContain('main/probe/probe-host.ts')
    // The engine's GETs go through the lean client (lean-engine-reads.ts); dockerode is loaded only when a
    // helper starts or more than reads is asked.
    expect(loaded).toContain('main/engine/lean-engine-reads.ts')
    expect(loaded.filter((m) => DOCKERODE.test(m))).toEqual([])
    expect(loaded.filter((m) => SERVE_OR_LIVE.test(m))).toEqual([])
    // A unix socket needs no TLS: node:https and tls are loaded only for a TLS endpoint.
    expect(loaded.filter((m) => m === 'node:https' || m === 'node:tls')).toEqual([])
    // Read in-process (the daemon does not answer): no helper code, and JSON needs no text summary.
    expect(loaded.filter((m) => HELPER_OR_TEXT.test(m))).toEqual([])
    // node:crypto only for a named docker context or a swarm's certificates.
    expect(loaded).not.toContain('node:crypto')
  })

  it('snapshot with GLASSHOUSE_LEAN_HTTP=0 asks through dockerode, without its debug logging', async () => {
    const loaded = await modulesLoadedBy(['snapshot', '--json'], { DOCKER_HOST: `unix://${join(scratch, 'no-docker.sock')}`, GLASSHOUSE_LEAN_HTTP: '0' })
    expect(loaded.some((m) => DOCKERODE.test(m))).toBe(true)
    expect(loaded).not.toContain('main/engine/lean-engine-reads.ts')
    // docker-modem's debug logging is left out of the build (its set-up and a util.inspect per request).
    expect(loaded.filter((m) => /node_modules\/(debug|supports-color)\//.test(m))).toEqual([])
    expect(loaded).toContain('node:http')
  })

  it('snapshot as text loads the summary, and --print-helper-command the helper spec', async () => {
    expect(await modulesLoadedBy(['snapshot', '--no-engine'])).toContain('main/cli/format-summary.ts')
    const loaded = await modulesLoadedBy(['snapshot', '--no-engine', '--print-helper-command'])
    expect(loaded).toContain('main/kernel/helper-spec.ts')
    expect(loaded).not.toContain('main/cli/format-summary.ts')
  })

  it('snapshot --no-engine does not load dockerode', async () => {
    const loaded = await modulesLoadedBy(['snapshot', '--json', '--no-engine'])
    expect(loaded).toContain('main/cli/snapshot-command.ts')
    expect(loaded.filter((m) => DOCKERODE.test(m))).toEqual([])
  })

  it('watch --no-engine loads the live session but not dockerode, the server or ws', async () => {
    const loaded = await modulesLoadedBy(['watch', '--json', '--no-engine', '--count', '1', '--interval', '250ms'])
    expect(loaded).toContain('main/cli/watch-command.ts')
    expect(loaded).toContain('main/live/live-session.ts')
    expect(loaded.filter((m) => DOCKERODE.test(m) || /main\/(server|backend)\/|serve-command|node_modules\/ws\//.test(m))).toEqual([])
  })

  it('--help loads no command', async () => {
    const loaded = await modulesLoadedBy(['--help'])
    expect(loaded).toContain('main/cli/run.ts')
    expect(loaded.filter((m) => /main\/(cli\/\w+-command|probe|model|live\/(?!sample-interval)|server|engine\/(?!docker-host-error))/.test(m) || DOCKERODE.test(m))).toEqual([])
  })
})
