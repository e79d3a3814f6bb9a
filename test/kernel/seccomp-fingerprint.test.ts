import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseSockFilter } from '../../shared/seccomp/bpf-insn'
import { decodeChain } from '../../shared/seccomp/decode-chain'
import { KNOWN_DEFAULT_FILTERS } from '../../shared/seccomp/report'
import { behaviourFingerprint, fingerprintChain } from '../../main/kernel/seccomp-fingerprint'

const bytes = (name: string): Uint8Array => new Uint8Array(readFileSync(join(import.meta.dirname, '../fixtures/seccomp', name)))

describe('chain fingerprints', () => {
  const a = bytes('docker-default-20.10.bpf')
  const b = bytes('docker-default-20.10-prologue-variant.bpf')
  it('differ by bytes for the two prologue orders runc produced, and agree by behaviour', () => {
    expect(fingerprintChain([a])).not.toBe(fingerprintChain([b]))
    const behaviour = [a, b].map((f) => behaviourFingerprint(decodeChain([parseSockFilter(f)])))
    expect(behaviour[0]).toBe(behaviour[1])
    expect(KNOWN_DEFAULT_FILTERS[behaviour[0] as string]).toMatch(/^Docker 20.10 default profile/)
  })
  it('tell a custom profile from the default, and two filters from their concatenation', () => {
    const custom = bytes('custom-chmod-mkdir-reboot-20.10.bpf')
    expect(behaviourFingerprint(decodeChain([parseSockFilter(custom)]))).not.toBe(Object.keys(KNOWN_DEFAULT_FILTERS)[0])
    const joined = new Uint8Array([...a, ...custom])
    expect(fingerprintChain([a, custom])).not.toBe(fingerprintChain([joined]))
    expect(fingerprintChain([])).toBe('none')
  })
})

describe('the base64 copy the renderer tests use', () => {
  it('holds the same bytes as the .bpf fixtures', async () => {
    const copy = (await import('../fixtures/seccomp/filters-base64.json')).default as Record<string, string>
    for (const [name, base64] of Object.entries(copy)) expect(Buffer.from(base64, 'base64').equals(Buffer.from(bytes(name)))).toBe(true)
  })
})
