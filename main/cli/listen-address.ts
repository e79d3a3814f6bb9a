// What `serve --host` may be: an IP address (IPv6 also in brackets) or a host name this machine can
// resolve. Checked before anything is printed or bound, so a typo gets one line, not an exposure
// warning followed by a failed listen (or a DNS query for "1.2.3.4.5").
import { lookup } from 'node:dns/promises'
import { isIP } from 'node:net'

/** RFC 1123 labels; the last one not all digits (that would be a mistyped IPv4 address). */
const LABEL = /^(?!-)[A-Za-z0-9-]{1,63}(?<!-)$/

/** Why `host` cannot be listened on, or null when it is an address or a well-formed host name. */
export function listenAddressProblem(host: string): string | null {
  const trimmed = host.trim()
  if (trimmed === '') return '--host needs an address'
  const bracketed = trimmed.startsWith('[') && trimmed.endsWith(']')
  const bare = bracketed ? trimmed.slice(1, -1) : trimmed
  if (bracketed) return isIP(bare) === 6 ? null : `--host ${host} is not an IPv6 address`
  if (isIP(bare) !== 0) return null
  const labels = bare.replace(/\.$/, '').split('.')
  const wellFormed = bare.length <= 253 && labels.every((label) => LABEL.test(label)) && !/^\d+$/.test(labels[labels.length - 1]!)
  return wellFormed ? null : `--host ${host} is neither an IP address nor a host name`
}

/** For a host name (not an address): whether it resolves here; the reason when it does not. */
export async function resolveProblem(host: string): Promise<string | null> {
  const bare = host.trim().replace(/^\[(.*)\]$/, '$1')
  if (isIP(bare) !== 0) return null
  try {
    await lookup(bare, { all: true })
    return null
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    return `--host ${host} does not resolve to an address here${code ? ` (${code})` : ''}`
  }
}
