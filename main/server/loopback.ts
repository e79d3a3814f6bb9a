// Which bind addresses stay on this machine. Anything else needs an explicit --host.
import { isIP } from 'node:net'

/** The address without the brackets a URL puts around an IPv6 literal ("[::1]" → "::1"). */
export function bindAddress(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host
}

export function isLoopbackHost(host: string): boolean {
  const bare = bindAddress(host)
  if (bare.toLowerCase() === 'localhost') return true
  if (isIP(bare) === 4) return bare.startsWith('127.')
  if (isIP(bare) === 6) {
    const lower = bare.toLowerCase()
    if (lower === '::1' || lower === '0:0:0:0:0:0:0:1') return true
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(lower)
    return mapped !== null && mapped[1]!.startsWith('127.')
  }
  return false
}

/** The host part of a URL for an address: IPv6 literals go in brackets (once). */
export function urlHost(host: string): string {
  const bare = bindAddress(host)
  return isIP(bare) === 6 ? `[${bare}]` : bare
}
