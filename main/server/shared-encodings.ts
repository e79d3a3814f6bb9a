// A contract answer made into bytes once for every client that asks for the same value. A
// 200-container snapshot is about 8 MB of JSON: serialised per request, 200 browsers asking at
// once cost 200 serialisations and 1.5 GB of strings. Here each channel keeps the encodings of
// its last value only (keyed by the value's identity: the live session replaces its snapshot, it
// never changes one in place), so memory is bounded by one answer per channel.
import { promisify } from 'node:util'
import { brotliCompress, constants, gzip } from 'node:zlib'
import type { InvokeChannel } from '../../shared/contract'

export type ContentEncoding = 'br' | 'gzip' | 'identity'

/** Answers smaller than this go as they are: compressing them costs more than it saves. */
export const COMPRESS_FROM_BYTES = 2048

const gzipAsync = promisify(gzip)
const brotliAsync = promisify(brotliCompress)

/** The best encoding the client accepts: br, then gzip, else none (q=0 excludes one). */
export function negotiateEncoding(acceptEncoding: string | string[] | undefined): ContentEncoding {
  const accepted = new Set<string>()
  for (const part of (Array.isArray(acceptEncoding) ? acceptEncoding.join(',') : (acceptEncoding ?? '')).split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';')
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)).find((m) => m !== null)
    if (name && (q === undefined || Number(q[1]) > 0)) accepted.add(name)
  }
  if (accepted.has('br')) return 'br'
  if (accepted.has('gzip')) return 'gzip'
  return 'identity'
}

export interface EncodedBody {
  body: Buffer | string
  encoding: ContentEncoding
}

interface Entry {
  value: unknown
  json: Buffer
  compressed: Map<'br' | 'gzip', Promise<Buffer>>
}

export class SharedEncodings {
  private readonly entries = new Map<InvokeChannel, Entry>()

  /** The bytes of `{ ok: true, value }`, compressed as asked when that is worth it. */
  async successBody(channel: InvokeChannel, value: unknown, wanted: ContentEncoding): Promise<EncodedBody> {
    const known = this.entries.get(channel)
    const entry: Entry =
      known !== undefined && known.value === value ? known : { value, json: Buffer.from(`{"ok":true,"value":${JSON.stringify(value)}}`), compressed: new Map() }
    this.entries.set(channel, entry)
    if (wanted === 'identity' || entry.json.length < COMPRESS_FROM_BYTES) return { body: entry.json, encoding: 'identity' }
    let compressed = entry.compressed.get(wanted)
    if (!compressed) {
      compressed = compress(entry.json, wanted)
      entry.compressed.set(wanted, compressed)
    }
    return { body: await compressed, encoding: wanted }
  }

  /** Forget everything (the server is closing). */
  clear(): void {
    this.entries.clear()
  }
}

/** Fast settings: the answer is made once per value, but a client waits for it. */
function compress(json: Buffer, encoding: 'br' | 'gzip'): Promise<Buffer> {
  if (encoding === 'gzip') return gzipAsync(json, { level: 5 })
  return brotliAsync(json, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: 5,
      [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      [constants.BROTLI_PARAM_SIZE_HINT]: json.length
    }
  })
}

/** The answer made for one request only, as the server did before answers were shared (the bench's baseline). */
export function perRequestBody(value: unknown): EncodedBody {
  return { body: JSON.stringify({ ok: true, value }), encoding: 'identity' }
}
