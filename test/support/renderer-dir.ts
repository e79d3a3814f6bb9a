// A throwaway built-renderer directory for serve-mode tests, with files beside it that must
// never be reachable (a package.json, a secret, and a symlink pointing at the secret).
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export const TEST_CSP = "default-src 'self'; script-src 'self'; object-src 'none'; frame-ancestors 'none'"
export const OUTSIDE_SECRET = 'outside-secret-content'

export interface RendererDir {
  base: string
  dir: string
  remove(): void
}

export function makeRendererDir(): RendererDir {
  const base = mkdtempSync(join(tmpdir(), 'glasshouse-serve-'))
  const dir = join(base, 'renderer')
  mkdirSync(join(dir, 'assets'), { recursive: true })
  writeFileSync(
    join(dir, 'index.html'),
    `<!doctype html><html><head><meta http-equiv="Content-Security-Policy" content="${TEST_CSP}" /></head>` +
      '<body><div id="root"></div><script type="module" src="./assets/app.js"></script></body></html>'
  )
  writeFileSync(join(dir, 'assets', 'app.js'), 'console.log("app")\n')
  writeFileSync(join(dir, 'assets', 'style.css'), 'body{}\n')
  writeFileSync(join(dir, '.hidden'), OUTSIDE_SECRET)
  writeFileSync(join(base, 'package.json'), JSON.stringify({ secret: OUTSIDE_SECRET }))
  writeFileSync(join(base, 'secret.txt'), OUTSIDE_SECRET)
  symlinkSync(join(base, 'secret.txt'), join(dir, 'assets', 'link.txt'))
  return { base, dir, remove: () => rmSync(base, { recursive: true, force: true }) }
}
