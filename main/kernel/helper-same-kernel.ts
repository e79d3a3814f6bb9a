// Whether the daemon runs on this very kernel, decided from facts: its endpoint is a local unix
// socket (or loopback tcp), `docker info` names this host and this kernel release, and it is not Docker
// Desktop (whose daemon runs in a VM even on Linux, behind a socket in the user's home). The local
// probe and the local-binds helper image both need this; the local probe also needs root.
// Recorded answers: test/fixtures/docker-info/.
import { hostname, release } from 'node:os'

export interface EngineFacts {
  /** The daemon address as selected (e.g. unix:///var/run/docker.sock). */
  host: string
  info: { Name?: string; KernelVersion?: string; OperatingSystem?: string; OSType?: string; SecurityOptions?: string[] }
}

/** The machine this process runs on, as the daemon's answer is compared with it. */
export interface ThisMachine {
  hostname: string
  /** os.release(): the kernel release (on macOS, Darwin's). */
  release: string
  /** process.platform ("linux", "darwin", "win32"); compared with the daemon's OSType. */
  platform?: string
}

export function thisMachine(): ThisMachine {
  return { hostname: hostname(), release: release(), platform: process.platform }
}

/**
 * Docker Desktop, from what its daemon says of itself: OperatingSystem "Docker Desktop" and Name
 * "docker-desktop" (macOS, Windows and Linux alike), a LinuxKit kernel ("6.10.14-linuxkit") or WSL 2's
 * ("5.15.167.4-microsoft-standard-WSL2").
 */
export function isDockerDesktop(info: EngineFacts['info']): boolean {
  return (
    /docker desktop/i.test(info.OperatingSystem ?? '') ||
    info.Name === 'docker-desktop' ||
    /linuxkit|-microsoft-standard/i.test(info.KernelVersion ?? '')
  )
}

/** A rootless daemon lists "name=rootless" among its security options. */
export function isRootless(info: EngineFacts['info']): boolean {
  return (info.SecurityOptions ?? []).some((o) => o.split(',').includes('name=rootless'))
}

/** null when the daemon runs on this kernel, else why not (a sentence). */
export function otherKernelReason(engine: EngineFacts, self: ThisMachine = thisMachine()): string | null {
  const { info } = engine
  if (isDockerDesktop(info)) return 'the daemon is Docker Desktop, which runs its containers in a VM'
  if (!isLocalEndpoint(engine.host)) return `the daemon is reached at ${engine.host}, not through a local socket`
  if (info.OSType && self.platform && info.OSType !== self.platform) return `the daemon runs ${info.OSType} containers, this is ${self.platform}`
  if (info.Name !== self.hostname) return `the daemon runs on host "${info.Name ?? '?'}", this is "${self.hostname}"`
  if (info.KernelVersion !== self.release) return `the daemon's kernel is ${info.KernelVersion ?? '?'}, this one is ${self.release}`
  return null
}

/**
 * Where the kernel the views show runs, for the status line ("Docker Desktop VM, kernel 6.10.14-linuxkit").
 * From the daemon's answer: the helper reads the daemon's kernel.
 */
export function kernelPlace(engine: EngineFacts, self: ThisMachine = thisMachine()): string {
  const { info } = engine
  const kernel = `kernel ${info.KernelVersion ?? '?'}`
  if (isDockerDesktop(info)) {
    const wsl = /-microsoft-standard/i.test(info.KernelVersion ?? '')
    return `${wsl ? "Docker Desktop's WSL 2 VM" : 'Docker Desktop VM'}, ${kernel}`
  }
  if (otherKernelReason(engine, self) === null) return `this host${isRootless(info) ? ' (rootless daemon)' : ''}, ${kernel}`
  return `host "${info.Name ?? '?'}"${isLocalEndpoint(engine.host) ? '' : ` at ${engine.host}`}, ${kernel}`
}

/** A unix socket, or tcp to this machine's loopback (a daemon listening on 127.0.0.1 is still this host's). */
export function isLocalEndpoint(host: string): boolean {
  if (host.startsWith('unix://')) return true
  return /^tcp:\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?\/?$/.test(host)
}

export type ProbeChoice = 'local' | 'helper'

/** What `--probe auto` picks, with the reason said to the user. */
export function chooseProbe(
  engine: EngineFacts,
  uid: number = process.getuid?.() ?? -1,
  self: ThisMachine = thisMachine()
): { probe: ProbeChoice; reason: string } {
  const other = otherKernelReason(engine, self)
  if (other) return { probe: 'helper', reason: other }
  if (uid !== 0) return { probe: 'helper', reason: `this process runs as uid ${uid}, not root` }
  return { probe: 'local', reason: 'root on the kernel that runs the containers' }
}
