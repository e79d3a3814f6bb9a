// The Content-Security-Policy sent as a header: the one the renderer's own page declares in
// its meta tag, so the two cannot drift. A header can say what a meta tag cannot: browsers
// ignore frame-ancestors in a meta tag (and warn about it), so it is added here when missing.
const FALLBACK =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
  "object-src 'none'; base-uri 'none'; form-action 'none'"

/** The policy in the page's `<meta http-equiv="Content-Security-Policy">` (or a strict default), framing denied. */
export function cspFromHtml(html: string): string {
  return withFrameAncestors(metaPolicy(html) ?? FALLBACK)
}

function metaPolicy(html: string): string | null {
  for (const tag of html.match(/<meta\b[^>]*>/gi) ?? []) {
    if (!/http-equiv\s*=\s*["']content-security-policy["']/i.test(tag)) continue
    const content = /\bcontent\s*=\s*(?:"([^"]*)"|'([^']*)')/i.exec(tag)
    const policy = (content?.[1] ?? content?.[2] ?? '').replace(/\s+/g, ' ').trim()
    if (policy !== '') return policy
  }
  return null
}

function withFrameAncestors(policy: string): string {
  if (/(^|;)\s*frame-ancestors\s/i.test(policy)) return policy
  return `${policy.replace(/;\s*$/, '')}; frame-ancestors 'none'`
}
