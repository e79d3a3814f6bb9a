// The host model: what the probe, the engine and the join produce, and what every
// carrier (CLI JSON, Electron IPC, serve mode) hands to the renderer.
// Plain data only: no node:, no DOM, no electron. JSON-serialisable throughout.

import type { SeccompFiltersReport } from './seccomp/report'
export const SCHEMA_VERSION = 1 as const
/**
 * Compatible additions within SCHEMA_VERSION, counted: a reader of version 1 reads every minor.
 * 1: swarm, containers[].imageDetails and .changes, declared masked/readonly paths (issue 15).
 */
export const SCHEMA_MINOR = 1 as const

export const NAMESPACE_TYPES = ['cgroup', 'ipc', 'mnt', 'net', 'pid', 'time', 'user', 'uts'] as const
export type NamespaceType = (typeof NAMESPACE_TYPES)[number]

/** Inode number of each namespace a process is in; null when it could not be read. */
export type NamespaceInodes = Record<NamespaceType, number | null>

export const CAPABILITY_SETS = ['effective', 'permitted', 'inheritable', 'bounding', 'ambient'] as const
export type CapabilitySetName = (typeof CAPABILITY_SETS)[number]
/** Each set as `CAP_*` names in bit order; bits the table does not know stay `CAP_<n>`. */
export type CapabilitySets = Record<CapabilitySetName, string[]>

export type SeccompMode = 'disabled' | 'strict' | 'filter'

/**
 * Why a value is missing. `exited`: the process went away between two reads.
 * `denied`: the kernel refused the read (EACCES/EPERM, usually: not root).
 * `missing`: the file does not exist on this kernel or cgroup layout.
 * `malformed`: the file was read but did not parse.
 * `unavailable`: a service (the Docker daemon) did not answer, timed out or returned an error.
 */
export type ReadFailureReason = 'exited' | 'denied' | 'missing' | 'malformed' | 'unavailable'

/**
 * What a Problem says is null, as its producers name it (main/probe, main/engine, main/model).
 * A consumer that tests for a field no producer names is a type error, not a silent no-op.
 */
export type ProblemField =
  /** Host-wide: /proc could not be listed, or pids exited during the scan. */
  | 'processes'
  /** A process's /proc/<pid>/stat, /status (uid, nspid, capabilities, no_new_privs, seccomp), NSpid line, cgroup file. */
  | 'stat'
  | 'status'
  | 'nspid'
  | 'cgroups'
  /** All eight namespace links failed alike, or one type did. */
  | 'namespaces'
  | `namespaces.${NamespaceType}`
  /** A container init's mountinfo and a user namespace's uid/gid maps. */
  | 'mounts'
  | 'idMaps'
  | `namespaces.user ${number} idMaps`
  /** A value of a cgroup's (or its container's) limits or usage; `limits`: the whole cgroup was not read. */
  | 'limits'
  | `limits.${keyof CgroupLimits}`
  | `usage.${keyof CgroupUsage}`
  /** The engine: GET /version, GET /containers/json, one container's inspect (`container <id12>` or `container <name>`). */
  | 'engine.apiVersion'
  | 'containers'
  | `container ${string}`
  /** Host facts (/proc/sys/kernel/…, /etc/hostname): read on a best-effort basis. */
  | 'host'
  /** The kernel log (/dev/kmsg), where OOM kills name the killed process: containers' oomKills are null. */
  | 'oomKills'
  /** A Java process's hsperfdata file (the JVM inside): its `jvm` is null. */
  | 'jvm'
  /** The swarm calls (/nodes, /services, /tasks, /secrets, /configs), an image's inspect or history, a container's changes. */
  | 'swarm'
  | 'imageDetails'
  | 'changes'

/**
 * A value that could not be read, and why. `field` names what is null because of it, e.g.
 * `namespaces` (all eight), `namespaces.time`, `status`, `limits.memoryBytes`, `usage.pids`.
 */
export interface Problem {
  field: ProblemField
  reason: ReadFailureReason
  message: string
}

/** One line of /proc/<pid>/cgroup. v2 lines have hierarchyId 0 and no controllers. */
export interface CgroupMembership {
  hierarchyId: number
  controllers: string[]
  path: string
}

/** Fields read from /proc/<pid>/status and stat are null only when that file was malformed (see problems). */
export interface ProcessInfo {
  pid: number
  ppid: number | null
  comm: string
  /** First letter of State: R, S, D, Z, T, I … */
  state: string
  /** Effective uid as seen from the probe's user namespace. */
  uid: number | null
  /** PIDs from the probe's PID namespace down to the process's own, outermost first. */
  nspid: number[]
  /** Start time in clock ticks since boot (field 22 of stat); with pid, the identity that survives PID reuse. */
  startTicks: number | null
  namespaces: NamespaceInodes
  capabilities: CapabilitySets
  noNewPrivs: boolean | null
  seccomp: { mode: SeccompMode | null; filters: number | null }
  cgroups: CgroupMembership[]
  /** The path that identifies the process's cgroup (see cgroupPathOf in the probe). */
  cgroupPath: string | null
  /** Set by the join: the container this process belongs to. */
  containerId: string | null
  problems: Problem[]
  /** For a Java process (comm `java`): what its JVM decided, from its hsperfdata file; null when unreadable (see problems). Absent for other processes and in older snapshots. */
  jvm?: JvmInfo | null
}

// --- the JVM inside (issue 11 item 4) ---
/**
 * What a HotSpot JVM published in its hsperfdata file (/tmp/hsperfdata_<user>/<pid inside>), read
 * without an agent through /proc/<pid>/root. Values the counters do not give are null.
 */
export interface JvmInfo {
  /** The file, as the container sees it: /tmp/hsperfdata_root/1. */
  path: string
  /** java.property.java.vm.name and .version: "OpenJDK 64-Bit Server VM", "17.0.15+6-…". */
  vmName: string | null
  vmVersion: string | null
  /** The collector family, from sun.gc.collector.*.name: Serial, Parallel, G1, Shenandoah, ZGC. */
  gc: string | null
  /** The heap's reserved maximum (MaxHeapSize), from the generations' maxCapacity counters. */
  maxHeapBytes: number | null
  /** -XX:±UseContainerSupport as java.rt.vmArgs / vmFlags give it; on unless switched off (the default since JDK 10 and 8u191). */
  containerSupport: boolean
  /** -XX:ActiveProcessorCount=N when given: it overrides every other source. */
  activeProcessorCountFlag: number | null
  /** -XX:+UseContainerCpuShares: JDK 17.0.5+ ignores cpu.shares unless this is on. */
  useContainerCpuShares: boolean
  /** CPUs in the process's affinity mask (Cpus_allowed_list of /proc/<pid>/status): HotSpot's count before the cgroup quota. */
  affinityCpus: number | null
  /** The JVM options as it received them (java.rt.vmArgs, then the flags file's java.rt.vmFlags). */
  vmArgs: string
}
// --- end the JVM inside ---

/** Effective limits read from the cgroup files. null = unlimited. */
export interface CgroupLimits {
  memoryBytes: number | null
  /** Memory plus swap (v1 memsw limit; v2 memory.max + memory.swap.max). */
  memorySwapBytes: number | null
  /** CPU quota in cores (quota / period): 0.5 = half of one core. */
  cpuQuotaCores: number | null
  /** The CPUs the cgroup may run on, when narrower than the host's; null = all. */
  cpusetCpus: string | null
  pidsMax: number | null
  /**
   * Relative CPU weight under contention, v1 `cpu.shares` (2–262144, default 1024). null on cgroup v2
   * (see cpuWeight) or when unreadable. Absent in snapshots taken before it was read.
   */
  cpuShares?: number | null
  /** v2 `cpu.weight` (1–10000, default 100), where Docker's CpuShares land on v2. null on v1 or when unreadable. */
  cpuWeight?: number | null
  /**
   * v1 `memory.oom_control` oom_kill_disable: true = the kernel pauses the cgroup's tasks at the limit
   * instead of killing one. null on cgroup v2, which has no such switch, or when unreadable.
   */
  oomKillDisable?: boolean | null
}

/** Counters read from the cgroup files at one moment. null = could not be read. */
export interface CgroupUsage {
  memoryBytes: number | null
  /** Usage minus inactive file cache: what `docker stats` shows as MEM USAGE. */
  memoryWorkingSetBytes: number | null
  /** Total CPU time consumed, in seconds. */
  cpuSeconds: number | null
  pids: number | null
  /** The CPUs the cgroup can actually use (cpuset effective list). */
  cpusEffective: string | null
  /**
   * OOM kills in this cgroup since it was created (v1 memory.oom_control oom_kill, v2 memory.events
   * oom_kill). Absent in snapshots taken before it was read.
   */
  oomKills?: number | null
  /** memory.stat split into its parts (honest memory); null when memory.stat was not read. Absent in older snapshots. */
  memoryBreakdown?: MemoryBreakdown | null
}

// --- honest memory (issue 11 item 3) ---
/**
 * What a cgroup's memory usage is made of, from memory.stat (v1 `total_*` keys, which count the subtree like
 * memory.usage_in_bytes; v2 keys) and v1 memory.kmem.usage_in_bytes. Bytes; a field is null where this cgroup
 * version (or kernel) has no such figure. The parts are disjoint: anon + active file + inactive file + shmem +
 * kernel + sock is what the kernel charges, up to per-CPU batching.
 */
export interface MemoryBreakdown {
  /** Where it was read: 1 = v1 memory controller, 2 = unified. docker stats subtracts a different key on each. */
  cgroupVersion: CgroupVersion
  /** Anonymous memory (heap, stacks): v1 total_rss, v2 anon. Reclaimable only by swapping. */
  anonBytes: number | null
  /** Page cache on the active file list: v1 total_active_file, v2 active_file. */
  activeFileBytes: number | null
  /** Page cache on the inactive file list, the first the kernel reclaims: v1 total_inactive_file, v2 inactive_file. */
  inactiveFileBytes: number | null
  /** tmpfs, shm and shared anonymous pages: counted as cache by the kernel but not reclaimable without swap. */
  shmemBytes: number | null
  /** Kernel memory charged to the cgroup: v1 memory.kmem.usage_in_bytes, v2 kernel (or kernel_stack + pagetables + percpu + slab). */
  kernelBytes: number | null
  /** Socket buffers: v2 sock. null on v1, where TCP memory has its own counter, outside memory usage. */
  sockBytes: number | null
  /** All page cache as the kernel reports it, shmem included: v1 total_cache, v2 file. */
  cacheBytes: number | null
  /** File pages mapped into processes: v1 total_mapped_file, v2 file_mapped. */
  mappedFileBytes: number | null
  /** Page cache the kernel can drop or write back under pressure: active + inactive file (shmem excluded). */
  reclaimableBytes: number | null
}
// --- end honest memory ---

export type CgroupVersion = 1 | 2
/** v1: per-controller hierarchies only; hybrid: v1 controllers plus a cgroup2 mount; v2: unified only. */
export type CgroupLayout = 'v1' | 'hybrid' | 'v2'

export interface CgroupInfo {
  /** The path as the kernel lists it in /proc/<pid>/cgroup, e.g. /docker/<id> or /system.slice/docker-<id>.scope. */
  path: string
  /** The hierarchy the limits were read from, per controller: 1 = a v1 controller hierarchy, 2 = unified. */
  controllers: Record<string, CgroupVersion>
  limits: CgroupLimits
  usage: CgroupUsage
  problems: Problem[]
}

export interface DeclaredResources {
  memoryBytes: number | null
  memorySwapBytes: number | null
  cpuQuotaCores: number | null
  cpusetCpus: string | null
  pidsMax: number | null
  /** HostConfig.CpuShares (--cpu-shares); null when not set (0), which means the default 1024. */
  cpuShares?: number | null
  /** HostConfig.OomKillDisable (--oom-kill-disable). */
  oomKillDisable?: boolean
}

export interface DeclaredMount {
  type: string
  source: string
  destination: string
  readOnly: boolean
}

/** What Docker was asked for (HostConfig and Config), normalised. */
export interface DeclaredConfig {
  privileged: boolean
  /** Normalised `CAP_*` names (or `ALL`), sorted, without duplicates. */
  capAdd: string[]
  capDrop: string[]
  seccomp: 'default' | 'unconfined' | 'custom'
  /** For a custom profile: the profile JSON Docker keeps inline in SecurityOpt. */
  seccompProfile: unknown
  noNewPrivileges: boolean
  readOnlyRootfs: boolean
  /** Config.User as given ('' = the image default, usually root). */
  user: string
  pidMode: string
  networkMode: string
  ipcMode: string
  utsMode: string
  usernsMode: string
  cgroupnsMode: string
  securityOpt: string[]
  resources: DeclaredResources
  mounts: DeclaredMount[]
}

/**
 * What a mount in the container's mount namespace is, as the kernel shows it in mountinfo.
 * Docker secrets (swarm) appear only here, as tmpfs files under /run/secrets: `docker inspect`
 * does not list them.
 */
export type MountKind = 'root' | 'secret' | 'bind' | 'volume' | 'tmpfs' | 'docker-managed' | 'masked' | 'system'

export interface KernelMount {
  mountPoint: string
  fsType: string
  /** The mount source field: a device (/dev/vda), or the filesystem name (tmpfs, overlay, proc). */
  source: string
  /** The path inside the source filesystem: for a bind mount, which host directory or file it shows. */
  root: string
  readOnly: boolean
  kind: MountKind
  /** Propagation from mountinfo's optional fields: shared, slave (master:N), or private (none). Absent in older snapshots. */
  propagation?: 'shared' | 'slave' | 'private' | 'unbindable'
  /** tmpfs size limit from the super options (size=65536k); null when the option is absent (half of RAM). */
  sizeBytes?: number | null
}

/** How a container's last run ended, from Docker's State (the kernel forgets: the cgroup is gone). */
export interface ContainerExit {
  exitCode: number
  /** State.OOMKilled: the kernel OOM-killed a process of its PID 1's tree (not one started by docker exec). */
  oomKilled: boolean
  /** State.FinishedAt, ISO 8601. */
  finishedAt: string
  /** State.Error: why Docker could not start or run it; null when empty. */
  error: string | null
}

export interface ContainerInfo {
  /** 64 hex characters. */
  id: string
  /** Without the leading slash. */
  name: string
  image: string
  /** Docker's state (running, exited, created, paused …), or 'unknown' when only the cgroup was seen. */
  state: string
  /** Host PID of the container's init; null unless running. */
  pid: number | null
  /** Host PIDs of every process in the container's cgroup. */
  processes: number[]
  cgroupPath: string | null
  /** null when the engine is unreachable: then only what the kernel shows is known. */
  declared: DeclaredConfig | null
  /** Effective limits from the cgroup files; null when the container has no cgroup (not running). */
  limits: CgroupLimits | null
  usage: CgroupUsage | null
  /** The mounts of its init's mount namespace (/proc/<pid>/mountinfo); null when not running or unreadable. */
  mounts: KernelMount[] | null
  labels: Record<string, string>
  /** Docker's RestartCount (restarts by its restart policy); null when unknown (engine unreachable). */
  restartCount?: number | null
  /**
   * The post-mortem of its last run, for a container that is not running and ran at least once;
   * null while running, before the first start, or when unknown. Absent in older snapshots.
   */
  exit?: ContainerExit | null
  /** 'engine': listed by Docker; 'cgroup': found only in the kernel's cgroups (engine unreachable). */
  source: 'engine' | 'cgroup'
  problems: Problem[]
  // --- OOM attribution (issue 11 item 2) ---
  /**
   * The last OOM kills the kernel logged for a process of this container (oldest first), as far back as
   * the kernel's log buffer reaches. null: the kernel log could not be read (see the snapshot's problem
   * with field `oomKills`); absent in older snapshots.
   */
  oomKills?: OomKillRecord[] | null
  /** What its image is made of (issue 15): history, layers, size, tag and digest. null: not read (see problems); absent in older snapshots. */
  imageDetails?: ImageDetails | null
  /** More of what Docker was asked for (issue 15); absent in older snapshots and when the engine was not read. */
  declaredExtra?: DeclaredExtra
  /** Its changes against the image (GET /containers/{id}/changes), read only on request (`snapshot --changes`). */
  changes?: ContainerChanges | null
}

// --- images, changes, swarm (issue 15) ---
/** Inspect fields the mounts, image and swarm pages need beside DeclaredConfig. */
export interface DeclaredExtra {
  /** HostConfig.MaskedPaths and ReadonlyPaths: the kernel files Docker hides or makes read-only (API ≥ 1.40). */
  maskedPaths: string[]
  readonlyPaths: string[]
  /** Config.Env names only (never the values): to tell when a secret is also handed over as an environment variable. */
  envNames: string[]
  /** The image reference it was created from (Config.Image): busybox:1.36, or busybox@sha256:… when pinned. */
  imageRef: string
  /** The image id it runs (sha256:…). */
  imageId: string
  /** Bind propagation asked per destination (Mounts[].Propagation: rprivate, rslave, rshared …). */
  propagation: Record<string, string>
}

/** One line of `docker history`: a step of the image's build; steps that wrote nothing have size 0. */
export interface ImageHistoryStep {
  /** The step's image id (sha256:…), or null for steps built elsewhere (`<missing>` in docker history). */
  id: string | null
  /** ISO 8601. */
  createdAt: string | null
  createdBy: string
  sizeBytes: number
  comment: string
  tags: string[]
}

export interface ImageDetails {
  id: string
  tags: string[]
  /** repo@sha256:… digests the image is known by in registries; empty for an image built or imported here. */
  repoDigests: string[]
  /** Bytes of all its layers (GET /images/{id}/json Size). */
  sizeBytes: number
  createdAt: string | null
  /** RootFS.Layers: the content digests (diff ids) of its layers, bottom first. */
  layers: string[]
  /** Newest step first, as docker history lists them. */
  history: ImageHistoryStep[]
  /** How the container named it: by a digest (pinned: what the docker CLI does under DOCKER_CONTENT_TRUST=1) or by a tag. */
  reference: { text: string; byDigest: boolean }
}

export type ChangeKind = 'modified' | 'added' | 'deleted'

export interface ContainerChange {
  path: string
  kind: ChangeKind
  /** Bytes of the file in the container's upper directory; null for deletions, directories, or when unreadable. */
  sizeBytes: number | null
}

export interface ContainerChanges {
  readAt: string
  changes: ContainerChange[]
  /** The overlay upper directory sizes were read from; null when it could not be read (another driver, or not root). */
  upperDir: string | null
  /** Why changes or sizes are missing. */
  problem: string | null
}

/** The swarm as this node's engine sees it. Join tokens and config contents are never carried. */
export type SwarmState =
  | {
      /** inactive, pending, error or locked (LocalNodeState). */
      state: 'inactive' | 'pending' | 'error' | 'locked'
      error: string | null
    }
  | SwarmActive

export interface SwarmActive {
  state: 'active'
  nodeId: string
  nodeAddr: string
  /** ControlAvailable: this node is a manager and can answer the cluster-wide calls. */
  isManager: boolean
  clusterId: string | null
  managers: number | null
  nodeCount: number | null
  posture: SwarmPosture
  nodes: SwarmNode[]
  services: SwarmService[]
  tasks: SwarmTask[]
  secrets: SwarmObject[]
  configs: SwarmObject[]
  /** Calls that failed (a worker cannot list nodes, services …). */
  problems: Problem[]
}

export interface SwarmPosture {
  /** CAConfig.NodeCertExpiry: how long node certificates are issued for (docker info "Expiry Duration"), in seconds. */
  nodeCertValiditySeconds: number | null
  /** This node's TLS certificate, read from <Docker root>/swarm/certificates/swarm-node.crt; null when unreadable (see certProblem). */
  nodeCert: { notBefore: string; notAfter: string; subject: string; issuer: string; path: string } | null
  certProblem: string | null
  /** The cluster's root CA certificate's end of validity (Cluster.TLSInfo.TrustRoot). */
  rootCaNotAfter: string | null
  rootRotationInProgress: boolean | null
  /** CAConfig.ForceRotate counter and external CAs. */
  forceRotate: number | null
  externalCas: number
  /** EncryptionConfig.AutoLockManagers. */
  autolock: boolean | null
  /** Raft log encrypted at rest: from the raft directory's names (wal-v3-encrypted); null when unreadable or not a manager. */
  raftEncrypted: boolean | null
  raftEvidence: string
}

export interface SwarmNode {
  id: string
  hostname: string
  role: string
  availability: string
  state: string
  addr: string
  engineVersion: string
  /** Manager reachability (reachable, unreachable, unknown); null for workers. */
  reachability: string | null
  leader: boolean
  self: boolean
}

export interface SwarmFileTarget {
  /** Secret or config id and name. */
  id: string
  name: string
  /** Path inside the container: secrets relative names land under /run/secrets. */
  target: string
  uid: string
  gid: string
  /** File mode, e.g. 0o444. */
  mode: number
}

export interface SwarmService {
  id: string
  name: string
  image: string
  mode: string
  replicas: number | null
  secrets: SwarmFileTarget[]
  configs: SwarmFileTarget[]
  /** Names of its environment variables (values never carried). */
  envNames: string[]
}

export interface SwarmTask {
  id: string
  serviceId: string
  slot: number | null
  nodeId: string
  state: string
  desiredState: string
  message: string
  /** The container running it (Status.ContainerStatus.ContainerID); null before it has one. */
  containerId: string | null
  /**
   * Its secret and config files as the kernel shows them inside its container (stat through
   * /proc/<pid>/root), by target; a target is null when it could not be read. Absent when the task's
   * container does not run here, and in older snapshots.
   */
  fileStats?: Record<string, { uid: number; gid: number; mode: number; sizeBytes: number } | null>
}

export interface SwarmObject {
  id: string
  name: string
  createdAt: string
  labels: Record<string, string>
}
// --- end images, changes, swarm ---

// --- OOM attribution (issue 11 item 2) ---
/** One OOM kill from the kernel log (/dev/kmsg): which process died and its memory at the kill. */
export interface OomKillRecord {
  /** ISO 8601, from the record's boot-relative stamp (accurate to the clock's drift since boot). */
  at: string
  /** Kernel log sequence number. */
  seq: number
  hostPid: number
  /** The PID inside the container's PID namespace, from an earlier scan that saw the process; null when not known (it was gone before any scan saw it). */
  pidInside: number | null
  /** The process name (comm, 15 characters at most). */
  comm: string
  anonRssBytes: number
  fileRssBytes: number
  shmemRssBytes: number
  totalVmBytes: number
  /** CONSTRAINT_MEMCG: the container's memory limit; CONSTRAINT_NONE: the whole host ran out. */
  constraint: string
  /** The cgroup whose limit was hit. */
  memcg: string
  /**
   * The processes in the cgroup at the kill, biggest resident memory first, from the kernel's own task
   * dump printed with the kill (vm.oom_dump_tasks, on by default). Absent when the kernel printed none.
   */
  tasks?: OomTask[]
}

/** One process of the kernel's task dump at an OOM kill. */
export interface OomTask {
  hostPid: number
  comm: string
  /** Resident memory (anon + file + shmem) at the kill. */
  rssBytes: number
}

/** One line of /proc/<pid>/uid_map or gid_map: ids inside..inside+count-1 are outside..outside+count-1. */
export interface IdMapRange {
  inside: number
  outside: number
  count: number
}

export interface NamespaceInfo {
  type: NamespaceType
  inode: number
  pids: number[]
  /** True when this is one of the host's own (initial) namespaces. */
  isHost: boolean
  /** Containers with at least one process in this namespace. */
  containerIds: string[]
  /**
   * For user namespaces: how ids inside translate to ids in the probe's user namespace, read from
   * one of its processes. Absent or null for other types, when unreadable, and in snapshots
   * taken before maps were read.
   */
  idMaps?: { uid: IdMapRange[]; gid: IdMapRange[] } | null
}

export interface HostInfo {
  hostname: string
  kernel: string
  cgroupVersion: CgroupVersion
  cgroupLayout: CgroupLayout
  cpus: number
  memoryBytes: number
  /** Highest capability number this kernel knows (/proc/sys/kernel/cap_last_cap). */
  capLastCap: number | null
  /** Uid the probe ran as; non-root sees less (namespaces, some cgroup files). */
  probeUid: number
}

/** How the Docker endpoint was chosen, in the docker CLI's order (see main/engine/endpoint-selection.ts). */
export type EndpointSource =
  | 'flag'
  | 'DOCKER_HOST'
  | 'context'
  | 'default'
  | 'desktop'
  | 'rootless'
  | 'podman'

export interface EngineEndpoint {
  /** The address asked: unix:///var/run/docker.sock, tcp://127.0.0.1:2375, ssh://user@host … */
  host: string
  source: EndpointSource
  /** The docker CLI context that named the host (source 'context'). */
  context?: string
}

export type EngineState =
  | {
      reachable: true
      version: string
      apiVersion: string
      cgroupDriver: string
      cgroupVersion: string
      securityOptions: string[]
      /** Where the engine was reached, for people: the address and, when not plain, how it was found. */
      endpoint: string
      /** The same, for programs; absent in snapshots from before it existed and when Docker was not asked. */
      endpointOrigin?: EngineEndpoint
    }
  | { reachable: false; error: string; endpoint: string; endpointOrigin?: EngineEndpoint }

export interface HostSnapshot {
  schemaVersion: typeof SCHEMA_VERSION
  /** Which compatible additions it may carry (see SCHEMA_MINOR); absent before the first one. */
  schemaMinor?: number
  takenAt: string
  host: HostInfo
  engine: EngineState
  containers: ContainerInfo[]
  processes: ProcessInfo[]
  namespaces: NamespaceInfo[]
  cgroups: CgroupInfo[]
  /** Host-wide problems: pids that vanished mid-scan, unreadable roots. */
  problems: Problem[]
  /** How the kernel was read (issue 10): by this process, or by a helper container; with why. */
  kernelReadBy?: KernelReadBy
  /** Live seccomp filters, read only on explicit request (snapshot --seccomp-filters, "Read live filters"); absent otherwise. */
  seccompFilters?: SeccompFiltersReport
  /** The swarm this engine is part of (issue 15); absent when the engine was not asked, and in older snapshots. */
  swarm?: SwarmState
}

export interface KernelReadBy {
  source: 'in-process' | 'helper'
  reason: string
  /** Where the kernel shown runs, e.g. "Docker Desktop VM, kernel 6.10.14-linuxkit" or "this host". */
  place?: string
  /** Set while the helper is gone and a new one is being started: why it went. */
  lost?: string
}
