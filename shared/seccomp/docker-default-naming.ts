// Names a decoded chain by Docker release ("Docker's default profile (Docker 28.2.0–29.4.1)") and picks the
// default it is compared with, from what the snapshot knows about its containers: the bounding set of the
// read process, the host kernel and the daemon's version.
import type { HostSnapshot } from '../model'
import { hostArchOf, matchDefault } from './docker-default-match'
import { DOCKER_DEFAULT_CAPABILITIES } from './docker-profile-types'
import type { ChainDefault, ChainMatch } from './report'
import type { ChainDecoding } from './verdict'

export type NamingSnapshot = Pick<HostSnapshot, 'containers' | 'processes'> & Partial<Pick<HostSnapshot, 'host' | 'engine'>>

/** Used when the snapshot carries no kernel: new enough for every minKernel in Docker's defaults (4.8). */
const RECENT_KERNEL = '6.0'

export interface ChainNaming {
  match: ChainMatch
  /** Set when the chain is Docker's default: the label with its release range. */
  label?: string
  dockerDefault?: ChainDefault
}

const sameSet = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((x) => b.includes(x))

/**
 * `match` as found without the catalog (fingerprint, declared profile); the result keeps it unless the
 * chain's verdicts equal a release's default for its container, which makes it Docker's default.
 */
export function nameChain(match: ChainMatch, decoded: ChainDecoding | null, readPid: number | undefined, snapshot: NamingSnapshot): ChainNaming {
  if (match === 'unconfined' || decoded === null) return { match }
  const hostArch = hostArchOf(decoded)
  const abi = decoded.abis.find((a) => a.accepted && a.abi === (hostArch === 'arm64' ? 'aarch64' : 'x86_64'))
  if (hostArch === undefined || abi === undefined) return { match }
  const capabilities = snapshot.processes.find((p) => p.pid === readPid)?.capabilities.bounding ?? DOCKER_DEFAULT_CAPABILITIES
  const kernel = snapshot.host?.kernel ?? RECENT_KERNEL
  const daemonVersion = snapshot.engine?.reachable === true ? snapshot.engine.version : null
  const found = matchDefault(abi, { capabilities, kernel, hostArch }, daemonVersion)
  const dockerDefault: ChainDefault = {
    matched: found.matched !== null,
    label: found.reference.label,
    versions: found.reference.versions,
    why: found.referenceWhy,
    abi: found.reference.abi,
    table: found.reference.table,
    ...(found.syscallHorizon !== undefined ? { syscallHorizon: found.syscallHorizon } : {})
  }
  if (found.matched === null) return { match, dockerDefault }
  const ownCaps = sameSet(capabilities, DOCKER_DEFAULT_CAPABILITIES)
  return {
    match: ownCaps ? 'docker-default' : 'docker-default-variant',
    label: `Docker's default profile (${found.matched.label})${ownCaps ? '' : ', rendered for its capabilities'}`,
    dockerDefault
  }
}
