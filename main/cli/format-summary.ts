// The human-readable `glasshouse snapshot`: one block per container, what the kernel enforces
// next to what Docker was asked for.
import type { ContainerInfo, HostSnapshot, ProcessInfo } from '../../shared/model'
import { formatBytes, formatCores, shortId } from '../../shared/format'
import { diffFromDockerDefault } from '../../shared/selectors/capability-diff'
import { namespaceSharing } from '../../shared/selectors/namespace-sharing'

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
  const init = c.pid === null ? undefined : s.processes.find((p) => p.pid === c.pid)
  if (!init) {
    if (c.source === 'engine') lines.push(row('', 'not running: no processes, no cgroup'))
    if (c.declared) lines.push(...declaredOnlyLines(c))
    return lines
  }
  lines.push(row('PID', pidText(init, c.processes.length)))
  lines.push(row('namespaces', namespaceText(s, c)))
  lines.push(row('capabilities', capabilityText(init, c)))
  lines.push(row('seccomp', seccompText(init, c)))
  lines.push(row('user', userText(init, s)))
  if (c.declared?.readOnlyRootfs) lines.push(row('root fs', 'read-only'))
  lines.push(row('limits', limitsText(c)))
  return lines
}

function pidText(init: ProcessInfo, processCount: number): string {
  const countOf = (n: number): string => count(n, 'process', 'processes')
  const inner = init.nspid.slice(1)
  const chain = inner.length === 0 ? `host ${init.pid} (host PID namespace)` : `host ${init.pid} → ${inner.join(' → ')} in its PID namespace`
  return `${chain} · ${countOf(processCount)}`
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
  const diff = diffFromDockerDefault(effective)
  let vsDefault: string
  if (diff.isDefault) vsDefault = '= Docker default'
  else if (effective.length === 0) vsDefault = '(none: every default dropped)'
  else {
    const changes = [...diff.added.map((x) => `+${x}`), ...diff.dropped.map((x) => `−${x}`)]
    vsDefault = `vs Docker default: ${changes.length > 6 ? `${diff.added.length} added, ${diff.dropped.length} dropped` : changes.join(' ')}`
  }
  const bounding = init.capabilities.bounding.length !== effective.length ? ` · bounding ${init.capabilities.bounding.length}` : ''
  const asked = c.declared ? [...c.declared.capAdd.map((x) => `add ${x}`), ...c.declared.capDrop.map((x) => `drop ${x}`)] : []
  const declared = asked.length ? ` · declared ${asked.join(', ')}` : ''
  return `${effective.length} effective ${vsDefault}${bounding}${declared}`
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
  return `${mem} · ${cpu}${cpuset} · ${pids}`
}

function declaredOnlyLines(c: ContainerInfo): string[] {
  const d = c.declared
  if (!d) return []
  const r = d.resources
  const asked = [
    r.memoryBytes === null ? null : `memory ${formatBytes(r.memoryBytes)}`,
    r.cpuQuotaCores === null ? null : `cpu ${formatCores(r.cpuQuotaCores)}`,
    r.pidsMax === null ? null : `pids ${r.pidsMax}`
  ].filter((x) => x !== null)
  return asked.length ? [row('declared', asked.join(' · '))] : []
}
