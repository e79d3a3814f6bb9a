// One running helper container and its NDJSON stream: created through the app's own engine,
// attached before it starts (stdin open, stdout and stderr demultiplexed, no TTY), ready when its
// first line arrives, removed on close. An image with its own Node is sent the probe on stdin first.
// Start-up failures reject with the reason and the helper's own stderr, never hang: the container
// exiting early ends the wait. A daemon that cannot give the kernel log device (none on its host, a
// rootless daemon) refuses the start; the helper then starts without it and says so in every report
// that needed the log.
import type Docker from 'dockerode'
import { createInterface } from 'node:readline'
import { PassThrough, type Duplex } from 'node:stream'
import { helperBundle } from './helper-bundle'
import type { HelperCommand, HelperMessage } from './helper-protocol'
import { helperKernelLogProblem } from './kmsg-reader'
import { createOptions, type Device, type HelperSpec } from './helper-spec'

type ReadyMessage = Extract<HelperMessage, { type: 'ready' }>

export class HelperContainer {
  private stderrTail = ''
  private closed = false
  /** Why the helper's stream ended while it was not being closed. */
  private stopped: string | null = null
  private listeners = new Set<(message: HelperMessage) => void>()
  private exitListeners = new Set<(reason: string) => void>()

  private constructor(
    readonly container: Docker.Container,
    private readonly stream: Duplex,
    readonly ready: ReadyMessage,
    /** Why the helper runs without the kernel log device the spec asked for; null when it has it (or none was asked). */
    readonly kernelLogUnavailable: string | null = null
  ) {}

  get id(): string {
    return this.container.id
  }

  /** Creates, attaches and starts the helper; resolves once it said it is ready. */
  static async start(docker: Docker, spec: HelperSpec, readyTimeoutMs = 30_000): Promise<HelperContainer> {
    try {
      return await HelperContainer.startOnce(docker, spec, readyTimeoutMs, null)
    } catch (error) {
      const refused = refusedDevice(spec, error)
      if (!refused) throw error
      // The daemon's own words, without docker-modem's "(HTTP code 500) server error - " prefix.
      const said = errorText(error).replace(/^\(HTTP code \d+\)[^-]*- /, '').trim()
      const reason = `the daemon could not give ${refused.source} to the container (${said})`
      return HelperContainer.startOnce(docker, { ...spec, devices: spec.devices?.filter((d) => d !== refused) }, readyTimeoutMs, reason)
    }
  }

  private static async startOnce(docker: Docker, spec: HelperSpec, readyTimeoutMs: number, kernelLogUnavailable: string | null): Promise<HelperContainer> {
    const container = await docker.createContainer(createOptions(spec))
    try {
      const stream = (await container.attach({ stream: true, stdin: true, stdout: true, stderr: true, hijack: true })) as Duplex
      const stdout = new PassThrough()
      const stderr = new PassThrough()
      docker.modem.demuxStream(stream, stdout, stderr)
      stream.on('end', () => {
        stdout.end()
        stderr.end()
      })
      let stderrText = ''
      stderr.on('data', (chunk: Buffer) => (stderrText = (stderrText + chunk.toString()).slice(-4000)))
      const lines = createInterface({ input: stdout })
      const first = new Promise<ReadyMessage>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`the helper container said nothing within ${readyTimeoutMs / 1000} s`)), readyTimeoutMs)
        lines.once('line', (line) => {
          clearTimeout(timer)
          try {
            const message = JSON.parse(line) as HelperMessage
            if (message.type === 'ready') resolve(message)
            else reject(new Error(`the helper container began with ${line.slice(0, 120)}`))
          } catch {
            reject(new Error(`the helper container printed ${line.slice(0, 120)}`))
          }
        })
        stream.once('error', (error: Error) => {
          clearTimeout(timer)
          reject(new Error(`the connection to the helper container broke: ${error.message}`))
        })
        stdout.once('end', () => {
          clearTimeout(timer)
          // Let stderr drain before quoting it.
          setImmediate(() => reject(new Error(`the helper container ended before it was ready${stderrText ? `: ${stderrText.trim()}` : ''}`)))
        })
      })
      // When start itself fails (no such entrypoint) the stream's end rejects `first` too, with no one waiting.
      first.catch(() => undefined)
      await container.start()
      // An image with its own Node gets the probe's files on stdin, ahead of every command (helper-bootstrap.ts).
      if (spec.bundleFrom !== undefined) stream.write(helperBundle(spec.bundleFrom))
      const ready = await first
      const helper = new HelperContainer(container, stream, ready, kernelLogUnavailable)
      stderr.removeAllListeners('data')
      stderr.on('data', (chunk: Buffer) => (helper.stderrTail = (helper.stderrTail + chunk.toString()).slice(-4000)))
      lines.on('line', (line) => helper.receive(line))
      stdout.on('end', () => helper.ended())
      // A broken connection must not crash the app: it ends the helper like its exit does.
      stream.on('error', (error: Error) => helper.ended(error.message))
      return helper
    } catch (error) {
      await container.remove({ force: true }).catch(() => undefined)
      throw error
    }
  }

  send(command: HelperCommand): void {
    if (this.closed) throw new Error('the helper container was closed')
    if (this.stopped) throw new Error(this.stopped)
    this.stream.write(JSON.stringify(command) + '\n')
  }

  onMessage(listener: (message: HelperMessage) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** Called once if the helper's stream ends while it was not being closed. */
  onExit(listener: (reason: string) => void): () => void {
    this.exitListeners.add(listener)
    return () => this.exitListeners.delete(listener)
  }

  async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    this.stream.end()
    this.stream.destroy()
    try {
      await this.container.remove({ force: true })
    } catch (error) {
      if (![404, 409].includes((error as { statusCode?: number }).statusCode ?? 0)) throw error
    }
  }

  private receive(line: string): void {
    if (line.trim() === '') return
    let message: HelperMessage
    try {
      message = JSON.parse(line) as HelperMessage
    } catch {
      message = { type: 'error', id: null, message: `the helper printed ${line.slice(0, 120)}` }
    }
    // Without the device the helper's reader says only ENOENT; the daemon's refusal is the reason.
    const log = message.type === 'report' ? message.report.kernelLog : undefined
    if (this.kernelLogUnavailable && log?.problem) log.problem = helperKernelLogProblem(this.kernelLogUnavailable)
    for (const listener of this.listeners) listener(message)
  }

  private ended(detail?: string): void {
    if (this.closed || this.stopped) return
    const said = detail ?? this.stderrTail.trim()
    const reason = `the helper container ${this.id.slice(0, 12)} stopped${said ? `: ${said}` : ''}`
    this.stopped = reason
    for (const listener of this.exitListeners) listener(reason)
  }
}

/** The spec's device a failed create or start names (the daemon says `… custom device "/dev/kmsg": …`), if any. */
function refusedDevice(spec: HelperSpec, error: unknown): Device | undefined {
  const text = errorText(error)
  return spec.devices?.find((d) => text.includes(d.source))
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
