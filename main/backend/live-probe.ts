// The live session behind the backend, with the probe setting the app can change (issue 10): a change
// chooses the new kernel source first and only then replaces the running session, so a helper that
// cannot start (or an image the user has not allowed to be pulled) leaves the old view running and
// says why. The recorded history goes over to the new session when both read the same kernel
// (carried-history.ts). Also the `docker run` command of the helper, for the user to audit.
import type { HistoryDump, ProbeSetting, ProbeState } from '../../shared/contract'
import type { LiveMessage } from '../../shared/live'
import type { HostSnapshot } from '../../shared/model'
import type { DockerClient } from '../engine/docker-client'
import { planHelperImage } from '../kernel/helper-image-choice'
import { HelperImageConsentError } from '../kernel/helper-image-pull'
import { helperCommand } from '../kernel/helper-command'
import { chooseKernel, engineFacts, readByLine, type ChosenKernel, type HelperImageOptions } from '../kernel/helper-kernel-choice'
import { otherKernelReason } from '../kernel/helper-same-kernel'
import type { KernelSource } from '../kernel/kernel-source'
import { LiveSession } from '../live/live-session'
import { mergeHistory, sameKernel } from './carried-history'
import type { ProbeRoots } from '../probe/types'

export interface LiveProbeOptions {
  engine: DockerClient
  roots: ProbeRoots
  helperImage?: HelperImageOptions
  /** The bundled helper script; default: found next to the running bundle. */
  helperScript?: string
  intervalMs?: number
  onMessage: (message: LiveMessage) => void
  onWarning?: (text: string) => void
  /** Progress of a helper image pull the app's user allowed. */
  onProgress?: (line: string) => void
}

interface RunningSession {
  session: LiveSession
  kernel: ChosenKernel
  setting: ProbeSetting
  /** The history of the sessions before this one on the same kernel, oldest first. */
  carried?: HistoryDump
}

export class LiveProbe {
  private running: RunningSession | null = null
  /** Changes one at a time, in order. */
  private queue: Promise<unknown> = Promise.resolve()
  /** The session being replaced, until the new one has started. */
  private replacing: RunningSession | null = null
  private problem: ProbeState['problem'] | undefined
  private command: string | null = null

  constructor(private readonly options: LiveProbeOptions) {}

  /** Starts the first session; throws when it cannot start at all. */
  async start(setting: ProbeSetting): Promise<void> {
    await this.open(setting, false)
  }

  /** While a new session takes its first snapshot, the old one's last. */
  current(): HostSnapshot | null {
    return this.running?.session.current() ?? this.replacing?.session.current() ?? null
  }

  /** How the running session reads the kernel (the seccomp read goes the same way: in-process or by helper). */
  kernelSource(): KernelSource | null {
    return this.running?.kernel.source ?? this.replacing?.kernel.source ?? null
  }

  history(): HistoryDump | null {
    return this.running ? historyOf(this.running) : null
  }

  async state(): Promise<ProbeState> {
    return {
      setting: this.running?.setting ?? 'auto',
      helperCommand: await this.helperCommand(),
      ...(this.problem ? { problem: this.problem } : {})
    }
  }

  /** Restarts the session reading the kernel the new way; the old one runs on when the new one cannot start. */
  set(setting: ProbeSetting, allowPull: boolean): Promise<ProbeState> {
    const change = this.queue.then(async () => {
      this.problem = undefined
      const old = this.running
      let opened: RunningSession
      try {
        opened = await this.open(setting, allowPull)
      } catch (error) {
        this.problem = {
          message: error instanceof Error ? error.message : String(error),
          ...(error instanceof HelperImageConsentError ? { pullImage: error.image } : {})
        }
        return this.state()
      }
      if (old) {
        const carry = sameKernel(old.session.current(), opened.session.current())
        // Carried at once (a page may ask while the old session stops), then again with its last ticks.
        if (carry) opened.carried = historyOf(old)
        await this.stopSession(old)
        if (carry) opened.carried = historyOf(old)
      }
      return this.state()
    })
    this.queue = change.catch(() => undefined)
    return change
  }

  async close(): Promise<void> {
    await this.queue
    if (this.running) await this.stopSession(this.running)
    this.running = null
  }

  private async open(setting: ProbeSetting, allowPull: boolean): Promise<RunningSession> {
    const { engine, onWarning } = this.options
    const configured = this.options.helperImage
    const kernel = await chooseKernel({
      probe: setting,
      roots: this.options.roots,
      engine: { docker: engine.docker, host: engine.origin.host },
      ...(this.options.helperScript ? { helperScript: this.options.helperScript } : {}),
      image: {
        ...configured,
        // The app's consent counts as much as --pull-helper-image; the progress goes where warnings go.
        pull: {
          allowed: allowPull || configured?.pull?.allowed === true,
          onProgress: (line) => {
            onWarning?.(line)
            this.options.onProgress?.(line)
          }
        }
      }
    })
    if (kernel.readBy.source === 'helper' || setting === 'auto') onWarning?.(readByLine(kernel.readBy))
    const session = new LiveSession({
      engine: { ...engine, ...(kernel.engineInfo ? { info: kernel.engineInfo } : {}) },
      kernel: kernel.source,
      kernelReadBy: kernel.readBy,
      ...(kernel.restart ? { restartKernel: kernel.restart } : {}),
      intervalMs: this.options.intervalMs,
      onMessage: (message) => {
        // A session being replaced says nothing more: the page follows the new one.
        if (this.running === null || this.running.session === session) this.options.onMessage(message)
      },
      onWarning
    })
    const opened: RunningSession = { session, kernel, setting }
    // Its first snapshot is sent as soon as it is taken: it is the current session from then on.
    this.replacing = this.running
    this.running = opened
    try {
      await session.start()
    } catch (error) {
      this.running = this.replacing
      await kernel.source.close()
      throw error
    } finally {
      this.replacing = null
    }
    return opened
  }

  private async stopSession(running: RunningSession): Promise<void> {
    await running.session.stop()
    await running.kernel.source.close()
  }

  /** The helper's command for this daemon (asked once): the configured image, else the one for where the daemon runs. */
  private async helperCommand(): Promise<string> {
    if (this.command !== null) return this.command
    const configured = this.options.helperImage?.configuredImage
    try {
      const otherKernel = configured ? null : otherKernelReason(await engineFacts(this.options.engine.docker, this.options.engine.origin.host))
      this.command = helperCommand(planHelperImage({ configured, otherKernel }), this.options.helperScript)
    } catch (error) {
      return `# the daemon did not answer (${error instanceof Error ? error.message : String(error)}): the command for a daemon on this host\n${helperCommand(undefined, this.options.helperScript)}`
    }
    return this.command
  }
}

function historyOf(running: RunningSession): HistoryDump {
  const own = running.session.history()
  return running.carried ? mergeHistory(running.carried, own) : own
}
