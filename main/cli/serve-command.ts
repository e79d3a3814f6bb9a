// `glasshouse serve`: the app for a browser. Prints the address (its token in the fragment) on stdout and
// nothing else; everything else goes to stderr and never contains the token. Opens nothing.
import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { version } from '../../package.json'
import { findAppRoot } from '../backend/app-root'
import type { Backend } from '../backend/backend'
import { createBackend, type BackendOptions } from '../backend/create-backend'
import { DockerHostError } from '../engine/docker-host-error'
import { checkBind, DEFAULT_HOST, ServeRefusal } from '../server/bind-policy'
import { startServer, type RunningServer } from '../server/serve'
import { createToken } from '../server/token'
import { SERVE_USAGE } from './command-usage'
import { EXIT_FAILED, EXIT_USAGE, stoppedExitCode } from './exit-codes'
import { listenAddressProblem, resolveProblem } from './listen-address'
import { ENGINE_OPTIONS, engineFlags, parseOptions } from './parse-options'
import { helperImageOptions, PROBE_OPTION, probeOption } from './probe-option'
import type { CliIo } from './run'


export interface ServeDependencies {
  rendererDir?: string
  createBackend?: (options: BackendOptions) => Promise<Backend>
  /** Tests that must not bind beyond loopback pass their own. */
  startServer?: typeof startServer
}

export async function serveCommand(args: string[], io: CliIo, deps: ServeDependencies = {}): Promise<number> {
  const parsed = parseOptions('serve', args, { port: { type: 'string' }, host: { type: 'string' }, 'no-open': { type: 'boolean' }, recording: { type: 'string', multiple: true }, ...PROBE_OPTION, ...ENGINE_OPTIONS }, SERVE_USAGE, io)
  if ('exit' in parsed) return parsed.exit
  const { values } = parsed
  const fail = (message: string, code = EXIT_USAGE): number => {
    io.stderr(`glasshouse serve: ${message}\n`)
    return code
  }
  const port = values.port === undefined ? 0 : Number(values.port)
  if (!/^\d+$/.test(values.port ?? '0') || port > 65535) return fail(`--port must be a number from 0 to 65535, not "${values.port}"`)
  const probe = probeOption('serve', values.probe, io)
  if (probe === null) return EXIT_USAGE
  const host = values.host ?? DEFAULT_HOST
  const addressProblem = listenAddressProblem(host) ?? (await resolveProblem(host))
  if (addressProblem !== null) return fail(addressProblem)

  const recordingFiles = (values.recording ?? []).map((file) => resolve(file))
  const missing = recordingFiles.find((file) => !existsSync(file))
  if (missing !== undefined) return fail(`--recording ${missing} does not exist`)
  const rendererDir = deps.rendererDir ?? defaultRendererDir()
  if (!existsSync(join(rendererDir, 'index.html'))) {
    return fail(`the built app is missing (${join(rendererDir, 'index.html')}): run npm run build first`, EXIT_FAILED)
  }
  const token = createToken()
  let exposed: boolean
  try {
    exposed = checkBind({ host, hostGivenExplicitly: values.host !== undefined, token }).exposed
  } catch (error) {
    if (error instanceof ServeRefusal) return fail(error.message)
    throw error
  }

  const log = (message: string): void => io.stderr(`glasshouse serve: ${message}\n`)
  let backend: Backend
  try {
    // Not engineFlags(values): serve's own --host is where it listens, not a Docker host.
    const docker = engineFlags({ 'docker-host': values['docker-host'], context: values.context })
    backend = await (deps.createBackend ?? createBackend)({
      env: io.env,
      engineFlags: docker,
      carrier: 'serve',
      version,
      probe,
      helperImage: helperImageOptions('serve', values, io),
      recordingFiles,
      onWarning: log
    })
  } catch (error) {
    if (error instanceof DockerHostError) throw error // bad input: runCli prints it in one line, exit 2
    return fail(`the backend did not start: ${error instanceof Error ? error.message : String(error)}`, EXIT_FAILED)
  }
  let server: RunningServer
  try {
    server = await (deps.startServer ?? startServer)({
      backend,
      rendererDir,
      host,
      port,
      hostGivenExplicitly: values.host !== undefined,
      token,
      log
    })
  } catch (error) {
    await backend.close()
    return fail(`cannot listen on ${host}:${port}: ${error instanceof Error ? error.message : String(error)}`, EXIT_FAILED)
  }
  // Said once the address is known good and bound: never for an address that then fails.
  if (exposed) {
    io.stderr(
      `glasshouse serve: WARNING: listening on ${host}, not on loopback. Anyone who can reach this address and ` +
        'learns the token can see every process, namespace and capability on this host, and the token travels ' +
        'in clear text (plain HTTP): anyone on the path can read it. Prefer an SSH tunnel.\n'
    )
  }
  io.stdout(`${server.url}\n`)
  io.stderr(`glasshouse serve: serving ${rendererDir} at ${server.origin} (Ctrl-C stops)\n`)
  await untilAborted(io.signal)
  await server.close()
  await backend.close()
  io.stderr('glasshouse serve: stopped\n')
  return stoppedExitCode(io.signal)
}

/**
 * out/renderer of the package this code runs from. Found from the package root, not from the code's own
 * folder: serve's code is a chunk of its own (out/main/chunks/), loaded only when serve runs.
 */
function defaultRendererDir(): string {
  const codeDir = typeof __dirname === 'string' ? __dirname : process.cwd()
  const root = findAppRoot(codeDir)
  return root === null ? resolve(codeDir, '..', 'renderer') : join(root, 'out', 'renderer')
}

function untilAborted(signal: AbortSignal | undefined): Promise<void> {
  return new Promise((done) => {
    if (!signal) return // no way to be stopped but the process ending
    if (signal.aborted) return done()
    signal.addEventListener('abort', () => done(), { once: true })
  })
}
