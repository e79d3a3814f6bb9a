// Whether the daemon runs on this very kernel, decided from facts: its endpoint is a local unix
// socket (or loopback tcp), `docker info` names this host and this kernel release, and it is not Docker Desktop
// (whose daemon runs in a VM even on Linux). The local probe and the local-binds helper image
// both need this; the local probe also needs root.
import { hostname, release } from 'node:os'

export interface EngineFacts {
  /** The daemon address as selected (e.g. unix:///var/run/docker.sock). */
  host: string
  info: { Name?: string; KernelVersion?: string; OperatingSystem?: string }
}

/** null when the daemon runs on this kernel, else why not (a sentence). */
export function otherKernelReason(engine: EngineFacts): string | null {
  const { info } = engine
  if (!isLocalEndpoint(engine.host)) return `the daemon is reached at ${engine.host}, not through a local socket`
  if (/docker desktop/i.test(info.OperatingSystem ?? '') || info.Name === 'docker-desktop') {
    return 'the daemon is Docker Desktop, which runs its containers in a VM'
  }
  if (info.Name !== hostname()) return `the daemon runs on host "${info.Name ?? '?'}", this is "${hostname()}"`
  if (info.KernelVersion !== release()) return `the daemon's kernel is ${info.KernelVersion ?? '?'}, this one is ${release()}`
  return null
}

/** A unix socket, or tcp to this machine's loopback (a daemon listening on 127.0.0.1 is still this host's). */
export function isLocalEndpoint(host: string): boolean {
  if (host.startsWith('unix://')) return true
  return /^tcp:\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?\/?$/.test(host)
}

export type ProbeChoice = 'local' | 'helper'

/** What `--probe auto` picks, with the reason said to the user. */
export function chooseProbe(engine: EngineFacts, uid: number = process.getuid?.() ?? -1): { probe: ProbeChoice; reason: string } {
  const other = otherKernelReason(engine)
  if (other) return { probe: 'helper', reason: other }
  if (uid !== 0) return { probe: 'helper', reason: `this process runs as uid ${uid}, not root` }
  return { probe: 'local', reason: 'root on the kernel that runs the containers' }
}
