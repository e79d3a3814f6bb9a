// Mounts as a reader should see them. The kernel's list (mountinfo, ContainerInfo.mounts) is the
// truth and the only place Docker swarm secrets appear (tmpfs files under /run/secrets); the
// declared list (docker inspect) is the fallback when the kernel's could not be read.
import type { ContainerInfo, DeclaredMount, KernelMount, MountKind, SwarmState } from '../model'
import { isDockerSocket } from './container-risks'

export type MountRowKind = MountKind | 'docker-socket'

export interface MountRow {
  kind: MountRowKind
  /** Where it appears inside the container. */
  mountPoint: string
  /** Where it comes from: a host path for binds, else the filesystem. */
  source: string
  readOnly: boolean
  /** One sentence for the reader. */
  note: string
  /** Plumbing every container has (proc, sysfs, masked paths, the root overlay): folded by default. */
  routine: boolean
  /** Kernel rows: propagation from mountinfo (shared, slave, private); tmpfs size limit in bytes. */
  propagation?: string
  sizeBytes?: number | null
  /** The host path Docker was asked to bind (the declared source): mountinfo gives only the path inside the host file system. */
  hostPath?: string
  /** A swarm config delivered as a file (tmpfs, like a secret). */
  swarmConfig?: string
}

export interface ContainerMounts {
  from: 'kernel' | 'declared' | 'none'
  rows: MountRow[]
}

export function isSecretPath(path: string): boolean {
  return path === '/run/secrets' || path.startsWith('/run/secrets/')
}

function secretNote(path: string): string {
  const name = path.slice('/run/secrets/'.length) || 'secrets'
  return `Docker secret "${name}": kept in memory (tmpfs), readable inside as a file, never written into the image.`
}

export function kernelMountRow(m: KernelMount): MountRow {
  const base = { mountPoint: m.mountPoint, readOnly: m.readOnly }
  if (m.kind === 'secret' || (isSecretPath(m.mountPoint) && m.fsType === 'tmpfs')) {
    return { ...base, kind: 'secret', source: `${m.fsType} (memory)`, note: secretNote(m.mountPoint), routine: false }
  }
  if (isDockerSocket(m.mountPoint) || isDockerSocket(m.root)) {
    return { ...base, kind: 'docker-socket', source: m.root || m.source, note: 'The Docker API socket: full control of the daemon, and so of the host.', routine: false }
  }
  switch (m.kind) {
    case 'bind':
      return { ...base, kind: 'bind', source: m.root || m.source, note: `A host ${m.root.endsWith('/') ? 'directory' : 'path'}, ${m.readOnly ? 'read-only' : 'writable'} from inside.`, routine: false }
    case 'volume':
      return { ...base, kind: 'volume', source: m.root || m.source, note: 'A Docker volume.', routine: false }
    case 'tmpfs':
      return { ...base, kind: 'tmpfs', source: 'tmpfs (memory)', note: 'A memory-backed file system.', routine: false }
    case 'root':
      return { ...base, kind: 'root', source: m.fsType, note: `The container's root file system (${m.fsType}), ${m.readOnly ? 'read-only' : 'writable'}.`, routine: true }
    case 'docker-managed':
      return { ...base, kind: 'docker-managed', source: m.root || m.source, note: 'Written by Docker (hostname, hosts, resolv.conf).', routine: true }
    case 'masked':
      return { ...base, kind: 'masked', source: m.source, note: 'Masked by Docker so the container cannot read this kernel file.', routine: true }
    default:
      return { ...base, kind: m.kind, source: `${m.fsType}${m.source && m.source !== m.fsType ? ` ${m.source}` : ''}`, note: `${m.fsType} mounted by the runtime.`, routine: true }
  }
}

export function declaredMountRow(m: DeclaredMount): MountRow {
  const base = { mountPoint: m.destination, readOnly: m.readOnly, routine: false }
  if (isSecretPath(m.destination)) return { ...base, kind: 'secret', source: m.source, note: secretNote(m.destination) }
  if (isDockerSocket(m.source) || isDockerSocket(m.destination)) {
    return { ...base, kind: 'docker-socket', source: m.source, note: 'The Docker API socket: full control of the daemon, and so of the host.' }
  }
  const kind: MountRowKind = m.type === 'volume' ? 'volume' : m.type === 'tmpfs' ? 'tmpfs' : 'bind'
  return { ...base, kind, source: m.source, note: kind === 'bind' ? `A host path, ${m.readOnly ? 'read-only' : 'writable'} from inside.` : kind === 'volume' ? 'A Docker volume.' : 'A memory-backed file system.' }
}

export function containerMounts(c: ContainerInfo, swarm?: SwarmState): ContainerMounts {
  // Snapshots from before kernel mounts existed lack the field altogether.
  const kernel = c.mounts ?? null
  if (kernel) return { from: 'kernel', rows: kernel.map((m) => joinDeclared(kernelMountRow(m), m, c, swarm)) }
  if (c.declared) return { from: 'declared', rows: c.declared.mounts.map(declaredMountRow) }
  return { from: 'none', rows: [] }
}

/** The kernel's row with what Docker was asked: the host path of a bind, and a swarm config by its id. */
function joinDeclared(row: MountRow, m: KernelMount, c: ContainerInfo, swarm: SwarmState | undefined): MountRow {
  const declared = c.declared?.mounts.find((d) => d.destination === m.mountPoint)
  const out: MountRow = { ...row, propagation: m.propagation, sizeBytes: m.sizeBytes ?? null }
  if (declared && declared.type === 'bind') out.hostPath = declared.source
  if (row.kind === 'tmpfs' && m.fsType === 'tmpfs' && swarm?.state === 'active') {
    // Swarm puts a config's file on the same tmpfs as secrets; mountinfo's root names its id.
    const config = swarm.configs.find((x) => `/${x.id}` === m.root)
    if (config) {
      out.swarmConfig = config.name
      out.source = 'tmpfs (memory)'
      out.note = `Swarm config "${config.name}": a read-only file in memory (tmpfs), not part of the image.`
    }
  }
  return out
}
