// The built renderer, served read-only from one directory. A request path is decoded once,
// checked segment by segment (no "..", no ".", no NUL, no backslash, no hidden files) and
// resolved through realpath, so nothing outside the directory can be reached, symlinks included.
import { realpath, readFile, stat } from 'node:fs/promises'
import { extname, join, sep } from 'node:path'

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm'
}

export function contentType(path: string): string {
  return CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream'
}

/** The relative file a URL path names, or null when the path is not a plain one. */
export function safeRelativePath(urlPath: string): string | null {
  let decoded: string
  try {
    decoded = decodeURIComponent(urlPath)
  } catch {
    return null
  }
  if (!decoded.startsWith('/') || decoded.includes('\0') || decoded.includes('\\')) return null
  const segments = decoded.slice(1).split('/')
  if (segments.length === 1 && segments[0] === '') return 'index.html'
  for (const segment of segments) {
    if (segment === '' || segment === '.' || segment === '..' || segment.startsWith('.')) return null
  }
  return segments.join('/')
}

export interface StaticFile {
  body: Buffer
  contentType: string
}

export class StaticRoot {
  private constructor(private readonly root: string) {}

  /** Fails when the directory is missing, so serve mode can say "run npm run build". */
  static async open(dir: string): Promise<StaticRoot> {
    const root = await realpath(dir)
    await stat(join(root, 'index.html'))
    return new StaticRoot(root)
  }

  /** The file, or null for anything not a regular file inside the root. */
  async read(urlPath: string): Promise<StaticFile | null> {
    const relative = safeRelativePath(urlPath)
    if (relative === null) return null
    try {
      const real = await realpath(join(this.root, relative))
      if (!real.startsWith(this.root + sep)) return null
      if (!(await stat(real)).isFile()) return null
      return { body: await readFile(real), contentType: contentType(real) }
    } catch {
      return null
    }
  }

  async index(): Promise<string> {
    return readFile(join(this.root, 'index.html'), 'utf8')
  }
}
