// The PID namespace tree: the host's PID namespace at the root, each container's inside it,
// and namespaces created inside containers nested further. Built from each process's pid
// namespace inode and its NSpid chain (host PID first, its PID in its own namespace last).
import type { HostSnapshot, ProcessInfo } from '../model'
import { namespaceKey, processKey } from '../identity'
import { containerName, indexSnapshot } from './snapshot-index'

export interface PidNsProcess {
  key: string
  /** PID as the probe (normally the host) sees it. */
  pid: number
  /** NSpid: the PID in every namespace from the host's down to the process's own. */
  chain: number[]
  comm: string
  state: string
  uid: number | null
  containerId: string | null
  /** Its namespace link could not be read; its place comes from the NSpid chain. */
  inferred: boolean
}

export interface PidNsNode {
  /** `pid:<inode>`, or `pid:unreadable` for processes whose namespace could not be placed. */
  key: string
  inode: number | null
  isHost: boolean
  /** 0 for the host's namespace, 1 for a container's, 2 for one nested inside a container … */
  depth: number
  containerIds: string[]
  processes: PidNsProcess[]
  children: PidNsNode[]
}

const UNREADABLE_KEY = 'pid:unreadable'

export function pidNamespaceTree(snapshot: HostSnapshot): PidNsNode {
  const index = indexSnapshot(snapshot)
  const byInode = new Map<number, PidNsNode>()
  const hostInode =
    index.hostNamespace.pid?.inode ?? snapshot.processes.find((p) => p.nspid.length === 1 && p.namespaces.pid !== null)?.namespaces.pid ?? null
  const root: PidNsNode = node(hostInode, true, 0)
  if (hostInode !== null) byInode.set(hostInode, root)
  const unplaced: ProcessInfo[] = []

  for (const p of snapshot.processes) {
    const inode = p.namespaces.pid
    if (inode === null) {
      unplaced.push(p)
      continue
    }
    let ns = byInode.get(inode)
    if (!ns) {
      ns = node(inode, false, Math.max(1, p.nspid.length - 1))
      byInode.set(inode, ns)
    }
    ns.processes.push(toProcess(p, false))
  }

  // Depth: the shortest NSpid chain in the namespace (every member has the same length).
  for (const ns of byInode.values()) {
    if (ns === root) continue
    const lengths = ns.processes.map((p) => p.chain.length).filter((n) => n > 0)
    if (lengths.length > 0) ns.depth = Math.max(1, Math.min(...lengths) - 1)
  }

  for (const p of unplaced) {
    const target = placeUnreadable(p, byInode, root)
    if (target) target.processes.push(toProcess(p, true))
    else {
      let bucket = root.children.find((c) => c.key === UNREADABLE_KEY)
      if (!bucket) {
        bucket = { ...node(null, false, 1), key: UNREADABLE_KEY }
        root.children.push(bucket)
      }
      bucket.processes.push(toProcess(p, true))
    }
  }

  for (const ns of byInode.values()) {
    if (ns === root) continue
    const parent = findParent(ns, byInode, root, index.processByPid)
    parent.children.push(ns)
  }

  for (const ns of [root, ...byInode.values()]) {
    const fromModel = ns.inode === null ? undefined : index.namespaceByKey.get(namespaceKey('pid', ns.inode))?.containerIds
    const fromProcesses = ns.processes.map((p) => p.containerId).filter((id): id is string => id !== null)
    ns.containerIds = [...new Set([...(fromModel ?? []), ...fromProcesses])]
  }
  const bucket = root.children.find((c) => c.key === UNREADABLE_KEY)
  if (bucket) bucket.containerIds = [...new Set(bucket.processes.map((p) => p.containerId).filter((id): id is string => id !== null))]

  sortTree(root, snapshot)
  return root
}

/** Every namespace in the tree, parents before children. */
export function flattenPidTree(root: PidNsNode): PidNsNode[] {
  const out: PidNsNode[] = []
  const visit = (n: PidNsNode): void => {
    out.push(n)
    n.children.forEach(visit)
  }
  visit(root)
  return out
}

/** "8433 → 7 → 1": the chain as text, host PID first. */
export function chainText(chain: readonly number[]): string {
  return chain.join(' → ')
}

function node(inode: number | null, isHost: boolean, depth: number): PidNsNode {
  return { key: inode === null ? 'pid:host' : namespaceKey('pid', inode), inode, isHost, depth, containerIds: [], processes: [], children: [] }
}

// A process object a patch left alone gives the same PidNsProcess each time: a tree built after
// a patch then shares every unchanged process with the one before (cheap to compare, and the
// renderer's memoised chips skip them). The entries are never modified after they are made.
const processViews = new WeakMap<ProcessInfo, { placed?: PidNsProcess; inferred?: PidNsProcess }>()

function toProcess(p: ProcessInfo, inferred: boolean): PidNsProcess {
  let views = processViews.get(p)
  if (!views) processViews.set(p, (views = {}))
  const slot = inferred ? 'inferred' : 'placed'
  return (views[slot] ??= processView(p, inferred))
}

function processView(p: ProcessInfo, inferred: boolean): PidNsProcess {
  return {
    key: processKey(p),
    pid: p.pid,
    chain: p.nspid.length > 0 ? p.nspid : [p.pid],
    comm: p.comm,
    state: p.state,
    uid: p.uid,
    containerId: p.containerId,
    inferred
  }
}

/** A process whose namespace link was unreadable: the host's if its chain has one entry, else its container's at that depth. */
function placeUnreadable(p: ProcessInfo, byInode: Map<number, PidNsNode>, root: PidNsNode): PidNsNode | null {
  if (p.nspid.length <= 1) return root
  const depth = p.nspid.length - 1
  const candidates = [...byInode.values()].filter((ns) => ns !== root && ns.depth === depth && p.containerId !== null && ns.processes.some((x) => x.containerId === p.containerId))
  return candidates.length === 1 ? (candidates[0] ?? null) : null
}

function findParent(ns: PidNsNode, byInode: Map<number, PidNsNode>, root: PidNsNode, processByPid: Map<number, ProcessInfo>): PidNsNode {
  if (ns.depth <= 1) return root
  const wanted = ns.depth - 1
  // Walk up the parent chain from each member (init first) to the first process one level up.
  const members = [...ns.processes].sort((a, b) => (a.chain.at(-1) ?? 0) - (b.chain.at(-1) ?? 0))
  for (const member of members) {
    let current = processByPid.get(member.pid)
    for (let steps = 0; current && steps < 64; steps++) {
      const parentPid = current.ppid
      if (parentPid === null || parentPid === 0) break
      current = processByPid.get(parentPid)
      if (!current || current.namespaces.pid === null) continue
      if (current.namespaces.pid === ns.inode) continue
      const candidate = byInode.get(current.namespaces.pid)
      if (candidate && candidate.depth === wanted) return candidate
    }
  }
  // No living ancestor: the same container's namespace one level up.
  const sameContainer = [...byInode.values()].find(
    (c) => c !== ns && c.depth === wanted && c.processes.some((p) => p.containerId !== null && ns.processes.some((q) => q.containerId === p.containerId))
  )
  return sameContainer ?? root
}

function sortTree(n: PidNsNode, snapshot: HostSnapshot): void {
  n.processes.sort((a, b) => a.pid - b.pid)
  const label = (c: PidNsNode): string => (c.key === UNREADABLE_KEY ? '\uffff' : c.containerIds.map((id) => containerName(snapshot, id)).sort()[0] ?? '\ufffe')
  n.children.sort((a, b) => label(a).localeCompare(label(b)) || (a.inode ?? 0) - (b.inode ?? 0))
  for (const c of n.children) sortTree(c, snapshot)
}
