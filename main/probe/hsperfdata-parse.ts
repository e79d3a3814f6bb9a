// A HotSpot performance-data file (hsperfdata_<user>/<pid>): the counters a JVM publishes in shared
// memory for jstat and jcmd. Layout, from OpenJDK's perfMemory.hpp / perfData.hpp:
//   prologue (32 bytes): magic 0xcafec0c0 (always big-endian bytes), byte order (0 big, 1 little),
//   major, minor, accessible, used (i32), overflow (i32), mod time stamp (i64), entry offset (i32),
//   entry count (i32); then entries, each: entry length, name offset, vector length (i32 each),
//   data type (a Java signature char: 'J' long, 'B' byte), flags, units, variability (u8 each),
//   data offset (i32); name and data offsets are relative to the entry's start.
// Pure: bytes in, counters out; throws with a plain reason on a file that is not one.

export type PerfCounterValue = number | string

export interface PerfDataFile {
  major: number
  minor: number
  /** The JVM sets it once the prologue and entries are complete. */
  accessible: boolean
  counters: Map<string, PerfCounterValue>
}

const MAGIC = 0xcafec0c0
const PROLOGUE_BYTES = 32
const ENTRY_HEADER_BYTES = 20
/** perfData.hpp's Units: U_String marks a byte vector holding text. */
const UNITS_STRING = 5

export function parseHsperfdata(bytes: Uint8Array): PerfDataFile {
  if (bytes.length < PROLOGUE_BYTES) throw new Error(`too short for an hsperfdata prologue (${bytes.length} bytes)`)
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  if (view.getUint32(0, false) !== MAGIC) throw new Error('not an hsperfdata file (magic is not 0xcafec0c0)')
  const little = view.getUint8(4) === 1
  const major = view.getUint8(5)
  const minor = view.getUint8(6)
  const accessible = view.getUint8(7) !== 0
  const entryOffset = view.getInt32(24, little)
  const entryCount = view.getInt32(28, little)
  const counters = new Map<string, PerfCounterValue>()
  let at = entryOffset
  for (let i = 0; i < entryCount; i++) {
    if (at < PROLOGUE_BYTES || at + ENTRY_HEADER_BYTES > bytes.length) throw new Error(`entry ${i} lies outside the file (offset ${at})`)
    const entryLength = view.getInt32(at, little)
    const nameOffset = view.getInt32(at + 4, little)
    const vectorLength = view.getInt32(at + 8, little)
    const type = String.fromCharCode(view.getUint8(at + 12))
    const units = view.getUint8(at + 14)
    const dataOffset = view.getInt32(at + 16, little)
    if (entryLength < ENTRY_HEADER_BYTES || at + entryLength > bytes.length) throw new Error(`entry ${i} has a bad length (${entryLength})`)
    const name = readCString(bytes, at + nameOffset, at + entryLength)
    const value = readValue(view, bytes, at + dataOffset, at + entryLength, type, vectorLength, units, little)
    if (value !== null) counters.set(name, value)
    at += entryLength
  }
  return { major, minor, accessible, counters }
}

function readValue(
  view: DataView,
  bytes: Uint8Array,
  start: number,
  end: number,
  type: string,
  vectorLength: number,
  units: number,
  little: boolean
): PerfCounterValue | null {
  if (vectorLength === 0) {
    // Scalars: HotSpot publishes only longs; other types are skipped rather than guessed.
    if (type !== 'J' || start + 8 > end) return null
    return Number(view.getBigInt64(start, little))
  }
  if (type === 'B' && (units === UNITS_STRING || units === 1)) return readCString(bytes, start, Math.min(end, start + vectorLength))
  return null
}

function readCString(bytes: Uint8Array, start: number, end: number): string {
  let stop = start
  while (stop < end && bytes[stop] !== 0) stop++
  return new TextDecoder('utf-8').decode(bytes.subarray(start, stop))
}
