// What naming a chain by Docker release costs (issue 13), pure computation, no daemon:
// npx tsx scripts/bench/seccomp-naming-bench.ts. A fresh kernel string per round misses the per-context cache,
// so "cold" rounds evaluate all 11 catalog profiles again; "warm" rounds reuse them.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseSockFilter } from '../../shared/seccomp/bpf-insn'
import { decodeChain } from '../../shared/seccomp/decode-chain'
import { dockerDefaultProfiles } from '../../shared/seccomp/docker-default-catalog'
import { nameChain, type NamingSnapshot } from '../../shared/seccomp/docker-default-naming'
import { evaluateDockerProfile } from '../../shared/seccomp/docker-profile-eval'
import { DOCKER_DEFAULT_CAPABILITIES } from '../../shared/seccomp/docker-profile-types'

const ROUNDS = 15
const fixture = (name: string) => decodeChain([parseSockFilter(new Uint8Array(readFileSync(join(import.meta.dirname, '../../test/fixtures/seccomp', name))))])
const standard = fixture('docker-default-20.10.bpf')
const custom = fixture('custom-chmod-mkdir-reboot-20.10.bpf')
const snapshot = (kernel: string): NamingSnapshot =>
  ({ containers: [], processes: [{ pid: 1, capabilities: { bounding: [...DOCKER_DEFAULT_CAPABILITIES] } }], host: { kernel }, engine: { reachable: true, version: '20.10.24' } }) as unknown as NamingSnapshot

function time(label: string, run: (round: number) => void): void {
  run(-1) // warm-up: JIT
  const ms: number[] = []
  for (let round = 0; round < ROUNDS; round++) {
    const started = performance.now()
    run(round)
    ms.push(performance.now() - started)
  }
  ms.sort((a, b) => a - b)
  const at = (q: number) => (ms[Math.min(ms.length - 1, Math.floor(q * ms.length))] as number).toFixed(1)
  console.log(`| ${label} | ${at(0.5)} ms | ${at(0.95)} ms | ${(ms[ms.length - 1] as number).toFixed(1)} ms |`)
}

const latest = dockerDefaultProfiles().at(-1)?.profile
if (!latest) throw new Error('empty catalog')
console.log('| what | median | p95 | max |\n|---|---|---|---|')
time('evaluate one profile, native ABI (x86_64)', () => evaluateDockerProfile(latest, { capabilities: DOCKER_DEFAULT_CAPABILITIES, kernel: '6.18', hostArch: 'amd64' }, ['x86_64']))
time('evaluate one profile, x86_64 + x32 + i386', () => evaluateDockerProfile(latest, { capabilities: DOCKER_DEFAULT_CAPABILITIES, kernel: '6.18', hostArch: 'amd64' }))
time('name the default chain, cold (11 profiles evaluated)', (r) => nameChain('docker-default', standard, 1, snapshot(`6.18.${100 + r}`)))
time('name the default chain, warm', () => nameChain('docker-default', standard, 1, snapshot('6.18.0')))
time('name a custom chain, cold (no match: the libseccomp variants tried)', (r) => nameChain('custom', custom, 1, snapshot(`6.17.${100 + r}`)))
time('name a custom chain, warm', () => nameChain('custom', custom, 1, snapshot('6.18.0')))
