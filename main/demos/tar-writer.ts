// A minimal ustar writer: enough to import a root filesystem of one binary and its symlinks with
// `docker import`, without a tar program or a package.
const BLOCK = 512

export type TarEntry =
  | { type: 'dir'; path: string; mode: number }
  | { type: 'file'; path: string; mode: number; data: Buffer }
  | { type: 'symlink'; path: string; target: string }

export function tarArchive(entries: readonly TarEntry[]): Buffer {
  const parts: Buffer[] = []
  for (const entry of entries) {
    const data = entry.type === 'file' ? entry.data : Buffer.alloc(0)
    parts.push(header(entry, data.length))
    if (data.length > 0) {
      parts.push(data)
      const pad = (BLOCK - (data.length % BLOCK)) % BLOCK
      if (pad > 0) parts.push(Buffer.alloc(pad))
    }
  }
  // The end of the archive: two zero blocks.
  parts.push(Buffer.alloc(BLOCK * 2))
  return Buffer.concat(parts)
}

function header(entry: TarEntry, size: number): Buffer {
  const block = Buffer.alloc(BLOCK)
  const name = entry.type === 'dir' && !entry.path.endsWith('/') ? `${entry.path}/` : entry.path
  if (Buffer.byteLength(name) > 100) throw new Error(`tar path over 100 bytes: ${name}`)
  block.write(name, 0, 100, 'utf8')
  octal(block, 100, 8, entry.type === 'symlink' ? 0o777 : entry.mode)
  octal(block, 108, 8, 0)
  octal(block, 116, 8, 0)
  octal(block, 124, 12, size)
  octal(block, 136, 12, 0)
  block.write(entry.type === 'file' ? '0' : entry.type === 'dir' ? '5' : '2', 156, 1, 'ascii')
  if (entry.type === 'symlink') block.write(entry.target, 157, 100, 'utf8')
  block.write('ustar\u000000', 257, 8, 'ascii')
  // The checksum is computed with its own field as eight spaces.
  block.fill(0x20, 148, 156)
  let sum = 0
  for (const byte of block) sum += byte
  block.write(`${sum.toString(8).padStart(6, '0')}\u0000 `, 148, 8, 'ascii')
  return block
}

function octal(block: Buffer, offset: number, length: number, value: number): void {
  block.write(`${value.toString(8).padStart(length - 1, '0')}\u0000`, offset, length, 'ascii')
}
