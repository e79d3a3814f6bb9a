// The decisions behind `npm start`, without side effects so they can be tested: launch Electron,
// or serve the app to the default browser (and how to open that browser, if there is a screen).

/** Chromium (inside Electron) refuses to run as root with its sandbox on, and we do not turn it off. */
export const ROOT_REASON =
  "running as root: Electron's Chromium does not run as root with its sandbox on, and Glasshouse keeps the sandbox"

/**
 * @param {{ uid: number | undefined, env: NodeJS.ProcessEnv, findBinary: () => string | null, download: () => string }} facts
 *   findBinary: the installed Electron executable or null; download: tries to fetch it, returns why it failed
 * @returns {{ kind: 'electron', binary: string } | { kind: 'browser', reason: string }}
 */
export function planStart({ uid, env, findBinary, download }) {
  // Checked before any download: as root the binary would not be used anyway.
  if (uid === 0) return { kind: 'browser', reason: ROOT_REASON }
  const installed = findBinary()
  if (installed !== null) return { kind: 'electron', binary: installed }
  if (env.GLASSHOUSE_SKIP_ELECTRON_DOWNLOAD) {
    return { kind: 'browser', reason: "Electron's binary is not installed (GLASSHOUSE_SKIP_ELECTRON_DOWNLOAD is set: not downloaded)" }
  }
  const failure = download()
  const downloaded = findBinary()
  if (downloaded !== null) return { kind: 'electron', binary: downloaded }
  return { kind: 'browser', reason: `Electron's binary is not installed and could not be downloaded (${failure})` }
}

/**
 * How to open a file or address in the user's default browser, or null with the reason when
 * nothing can be shown (a Linux or BSD session without a display: a server, a container, ssh).
 * @param {NodeJS.Platform} platform
 * @param {NodeJS.ProcessEnv} env
 * @returns {{ opener: { command: string, args: (target: string) => string[] } } | { opener: null, reason: string }}
 */
export function browserOpener(platform, env) {
  if (platform === 'darwin') return { opener: { command: 'open', args: (target) => [target] } }
  // `start` is a cmd builtin; its first quoted argument is a window title, hence the empty one.
  if (platform === 'win32') return { opener: { command: 'cmd', args: (target) => ['/d', '/c', 'start', '""', target] } }
  if (!env.DISPLAY && !env.WAYLAND_DISPLAY) return { opener: null, reason: 'no display (neither DISPLAY nor WAYLAND_DISPLAY is set)' }
  return { opener: { command: 'xdg-open', args: (target) => [target] } }
}

/**
 * A page that sends the browser on to the served address. The browser is given this file rather
 * than the address itself so the token never appears in a command line (which `ps` shows to
 * every user); the file is readable by its owner only.
 * @param {string} url
 * @returns {string}
 */
export function redirectPage(url) {
  const escaped = url.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;')
  return `<!doctype html><meta charset="utf-8"><meta http-equiv="refresh" content="0;url=${escaped}"><title>Glasshouse</title>\n`
}
