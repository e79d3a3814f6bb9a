// The human-readable `glasshouse snapshot`: one block per container, what the kernel enforces
// next to what Docker was asked for.
import type { ContainerInfo, HostSnapshot, ProcessInfo } from '../../shared/model'
import { formatBytes, formatCores, shortId } from '../../shared/format'
import { processCapabilityDiff } from '../../shared/selectors/capability-diff'
import { DEFAULT_CPU_SHARES, DEFAULT_CPU_WEIGHT } from '../../shared/selectors/cpu-weight'
import { limitDifferences, type LimitComparison } from '../../shared/selectors/limit-comparison'
import { memoryBreakdownOf, memorySummaryText } from '../../shared/selectors/memory-breakdown'
import { namespaceSharing } from '../../shared/selectors/namespace-sharing'
import { jvmsInside, jvmSummaryText } from '../../shared/selectors/jvm-inside'
import { oomKillsLine } from '../../shared/selectors/oom-kills'
import { processesOf } from '../../shared/selectors/snapshot-index'
import { swarmSummaryLine } from '../../shared/selectors/swarm-summary'
import { zombieSummary } from '../../shared/selectors/zombies'

const LABEL_WIDTH = 13

export function formatSummary(snapshot: HostSnapshot): string {
  const lines = [...headerLines(snapshot), '']
  if (snapshot.containers.length === 0) lines.push('No containers found.')
  for (const container of snapshot.containers) {
    lines.push(...containerLines(snapshot, container), '')
  }
  return lines.join('\n')
}

function headerLines(s: HostSnapshot): string[] {
  const h = s.host
  const layout = h.cgroupLayout === 'hybrid' ? 'v1 (hybrid, with a v2 mount)' : h.cgroupLayout
  const lines = [
    `Glasshouse snapshot of ${h.hostname} at ${s.takenAt}`,
    `kernel ${h.kernel} · cgroup ${layout} · ${h.cpus} CPUs · ${formatBytes(h.memoryBytes)} RAM`
  ]
  if (s.engine.reachable) {
    lines.push(
      `Docker ${s.engine.version} (API ${s.engine.apiVersion}, ${s.engine.cgroupDriver} cgroup driver) at ${s.engine.endpoint}`
    )
  } else {
    // An empty endpoint means the engine was deliberately not asked (--no-engine, standalone probe).
    const lead = s.engine.endpoint === '' ? 'Docker not queried' : 'Docker unreachable'
    lines.push(`${lead}: ${s.engine.error}`, 'Showing what the kernel alone reveals: no names, no declared settings.')
  }
  if (h.probeUid !== 0) {
    lines.push(
      `Running as uid ${h.probeUid}, not root: namespaces of other users' processes and some cgroup files are unreadable (shown as "?"). Run as root for the full picture.`
    )
  }
  const swarm = swarmSummaryLine(s.swarm, s.takenAt)
  if (swarm) lines.push(swarm)
  const running = s.containers.filter((c) => c.pid !== null).length
  lines.push(
    `${count(s.containers.length, 'container')} (${running} running), ${count(s.processes.length, 'process', 'processes')}, ` +
      count(s.namespaces.length, 'namespace')
  )
  return lines
}

function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`
}

function row(label: string, text: string): string {
  return `  ${label.padEnd(LABEL_WIDTH)}${text}`
}

function containerLines(s: HostSnapshot, c: ContainerInfo): string[] {
  const marker = c.pid !== null ? '●' : '○'
  const image = c.image ? `  ${c.image}` : ''
  const title = c.name === shortId(c.id) ? c.name : `${c.name}  ${shortId(c.id)}`
  const lines = [`${marker} ${title}  ${c.state}${image}`]
  if (c.source === 'cgroup') lines.push(row('', 'found by its cgroup only: Docker did not list it, so no name or declared settings'))
  // OOM attribution (issue 11 item 2): the last process the OOM killer chose, running or not.
  const oom = oomKillsLine(s, c)
  if (oom) lines.push(row('OOM killed', oom))
  const init = c.pid === null ? undefined : s.processes.find((p) => p.pid === c.pid)
  if (!init) {
    if (c.exit) lines.push(row('exited', exitText(c)))
    else if (c.source === 'engine') lines.push(row('', 'not running: no processes, no cgroup'))
    if (c.declared) lines.push(...declaredOnlyLines(c))
    return lines
  }
  lines.push(row('PID', pidText(init, c.processes.length) + nestedPidText(s, c, init)))
  const zombies = zombieSummary(s, c)
  if (zombies) lines.push(row('zombies', zombies.sentence.replace(/`/g, '')))
  if (c.restartCount) lines.push(row('restarts', `${c.restartCount} (Docker's restart policy)`))
  lines.push(row('namespaces', namespaceText(s, c)))
  lines.push(row('capabilities', capabilityText(init, c)))
  lines.push(row('seccomp', seccompText(init, c)))
  lines.push(row('user', userText(init, s)))
  if (c.declared?.readOnlyRootfs) lines.push(row('root fs', 'read-only'))
  lines.push(row('limits', limitsText(c)))
  const memory = memoryText(c)
  if (memory) lines.push(row('memory', memory))
  for (const j of jvmsInside(s, c)) lines.push(row('java', jvmSummaryText(j)))
  const differences = limitDifferences(s, c)
  if (differences.length > 0) lines.push(row('≠ declared', differencesText(differences)))
  return lines
}

function pidText(init: ProcessInfo, processCount: number): string {
  const countOf = (n: number): string => count(n, 'process', 'processes')
  const inner = init.nspid.slice(1)
  const chain = inner.length === 0 ? `host ${init.pid} (host PID namespace)` : `host ${init.pid} → ${inner.join(' → ')} in its PID namespace`
  return `${chain} · ${countOf(processCount)}`
}

/** Processes in PID namespaces below the container's own, e.g. from `unshare -p -f` inside it. */
function nestedPidText(s: HostSnapshot, c: ContainerInfo, init: ProcessInfo): string {
  const nested = processesOf(s, c.id).filter((p) => p.nspid.length > init.nspid.length)
  if (nested.length === 0) return ''
  const spaces = new Set(nested.map((p) => p.namespaces.pid ?? `?${p.nspid.length}`)).size
  const deepest = nested.reduce((a, b) => (b.nspid.length > a.nspid.length ? b : a))
  const what = spaces === 1 ? 'a nested PID namespace' : `${spaces} nested PID namespaces`
  return ` · ${what} (${count(nested.length, 'process', 'processes')}, e.g. host ${deepest.nspid.join(' → ')})`
}

function exitText(c: ContainerInfo): string {
  const e = c.exit
  if (!e) return ''
  const parts = [`exit code ${e.exitCode}${e.exitCode > 128 ? ` (signal ${e.exitCode - 128})` : ''}`]
  if (e.oomKilled) parts.push('OOM-killed (memory limit)')
  parts.push(`finished ${e.finishedAt}`)
  if (c.restartCount != null) parts.push(count(c.restartCount, 'restart'))
  if (e.error) parts.push(`error: ${e.error}`)
  return parts.join(' · ')
}

function namespaceText(s: HostSnapshot, c: ContainerInfo): string {
  const sharing = namespaceSharing(s, c.id)
  const names = (kind: string): string[] => sharing.filter((n) => n.kind === kind).map((n) => n.type)
  const parts = [`own: ${names('own').join(' ') || '—'}`, `host's: ${names('host').join(' ') || '—'}`]
  const nameOf = (id: string): string => s.containers.find((x) => x.id === id)?.name ?? shortId(id)
  for (const n of sharing.filter((x) => x.kind === 'shared')) {
    parts.push(`${n.type} shared with ${n.sharedWith.map(nameOf).join(', ')}`)
  }
  const unknown = names('unknown')
  if (unknown.length > 0) parts.push(`unreadable: ${unknown.join(' ')}`)
  return parts.join(' · ')
}

function capabilityText(init: ProcessInfo, c: ContainerInfo): string {
  const effective = init.capabilities.effective
  // Held (bounding ∪ effective) against the default, as the app compares it: a non-root user's effective set is empty.
  const diff = processCapabilityDiff(init)
  let vsDefault: string
  if (diff.isDefault) vsDefault = '= Docker default'
  else if (diff.allDropped && diff.added.length === 0) vsDefault = `none (all ${diff.defaultCount} defaults dropped)`
  else {
    const changes = [...diff.added.map((x) => `+${x}`), ...diff.dropped.map((x) => `−${x}`)]
    vsDefault = `vs Docker default: ${changes.length > 6 ? `${diff.added.length} added, ${diff.dropped.length} dropped` : changes.join(' ')}`
  }
  const bounding = init.capabilities.bounding.length !== effective.length ? ` · bounding ${init.capabilities.bounding.length}` : ''
  const asked = c.declared ? [...c.declared.capAdd.map((x) => `add ${x}`), ...c.declared.capDrop.map((x) => `drop ${x}`)] : []
  const declared = asked.length ? ` · declared ${asked.join(', ')}` : ''
  return `${effective.length} effective${bounding} · held ${vsDefault}${declared}`
}

function seccompText(init: ProcessInfo, c: ContainerInfo): string {
  const { mode, filters } = init.seccomp
  const kernel = mode === 'filter' ? `filter (${filters ?? '?'} ${filters === 1 ? 'filter' : 'filters'})` : mode
  const declared = c.declared ? ` · declared ${c.declared.seccomp}` : ''
  const nnp = init.noNewPrivs === null ? '' : ` · no_new_privs ${init.noNewPrivs ? 'on' : 'off'}`
  return `${kernel}${declared}${nnp}`
}

function userText(init: ProcessInfo, s: HostSnapshot): string {
  const userNsIsHost = s.namespaces.find((n) => n.type === 'user' && n.inode === init.namespaces.user)?.isHost
  if (init.uid !== 0) return `uid ${init.uid}`
  return userNsIsHost ? 'uid 0 (root) in the host user namespace: root inside is root on the host' : 'uid 0 (root)'
}

function limitsText(c: ContainerInfo): string {
  const l = c.limits
  const u = c.usage
  if (!l) return 'no cgroup read'
  const memUsed = u?.memoryWorkingSetBytes ?? u?.memoryBytes
  const mem = `memory ${memUsed == null ? '?' : formatBytes(memUsed)} used / ${l.memoryBytes === null ? 'unlimited' : `${formatBytes(l.memoryBytes)} limit`}`
  const cpu = `cpu ${l.cpuQuotaCores === null ? 'unlimited' : formatCores(l.cpuQuotaCores)}`
  const cpuset = l.cpusetCpus === null ? '' : ` · cpuset ${l.cpusetCpus}`
  const pids = `pids ${u?.pids ?? '?'} / ${l.pidsMax ?? 'unlimited'}`
  const shares = l.cpuShares != null && l.cpuShares !== DEFAULT_CPU_SHARES ? ` · cpu shares ${l.cpuShares}` : ''
  const weight = l.cpuWeight != null && l.cpuWeight !== DEFAULT_CPU_WEIGHT ? ` · cpu weight ${l.cpuWeight}` : ''
  const oomOff = l.oomKillDisable === true ? ' · OOM killer disabled' : ''
  const ooms = u?.oomKills ? ` · ${count(u.oomKills, 'OOM kill')}` : ''
  return `${mem} · ${cpu}${cpuset}${shares}${weight} · ${pids}${oomOff}${ooms}`
}

/** Honest memory: what the usage is made of, for a container with a memory limit or usage. */
function memoryText(c: ContainerInfo): string | null {
  if (c.limits?.memoryBytes == null && c.usage?.memoryBytes == null) return null
  const view = memoryBreakdownOf(c.usage, c.limits?.memoryBytes ?? null)
  return view ? memorySummaryText(view) : 'parts unknown (memory.stat not read)'
}

/** The limits the kernel enforces otherwise than Docker was asked: the same comparison the app shows. */
function differencesText(differences: readonly LimitComparison[]): string {
  return differences.map((d) => `${d.label}: declared ${d.declared}, kernel ${d.enforced}`).join(' · ')
}

function declaredOnlyLines(c: ContainerInfo): string[] {
  const d = c.declared
  if (!d) return []
  const r = d.resources
  const asked = [
    r.memoryBytes === null ? null : `memory ${formatBytes(r.memoryBytes)}`,
    r.cpuQuotaCores === null ? null : `cpu ${formatCores(r.cpuQuotaCores)}`,
    r.pidsMax === null ? null : `pids ${r.pidsMax}`,
    r.cpuShares == null ? null : `cpu shares ${r.cpuShares}`,
    r.oomKillDisable ? 'OOM killer disabled' : null
  ].filter((x) => x !== null)
  return asked.length ? [row('declared', asked.join(' · '))] : []
}
