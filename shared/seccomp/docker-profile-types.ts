// Docker's seccomp profile format (moby profiles/seccomp: Seccomp, Syscall, Filter; runtime-spec
// LinuxSeccompArg), as default.json and `--security-opt seccomp=<file>` write it. Older profiles write
// empty objects and null where newer ones leave a field out: every field is optional here.

export type DockerSeccompOp =
  | 'SCMP_CMP_NE'
  | 'SCMP_CMP_LT'
  | 'SCMP_CMP_LE'
  | 'SCMP_CMP_EQ'
  | 'SCMP_CMP_GE'
  | 'SCMP_CMP_GT'
  | 'SCMP_CMP_MASKED_EQ'

export interface DockerSeccompArg {
  index: number
  value: number
  valueTwo?: number
  op: DockerSeccompOp
}

/** Includes and excludes: arches are Docker's names of the host architecture (amd64, arm64, s390x…). */
export interface DockerSeccompFilter {
  caps?: string[] | null
  arches?: string[] | null
  minKernel?: string | null
}

export interface DockerSeccompSyscall {
  name?: string
  names?: string[] | null
  action: string
  errnoRet?: number | null
  args?: DockerSeccompArg[] | null
  includes?: DockerSeccompFilter | null
  excludes?: DockerSeccompFilter | null
}

export interface DockerSeccompProfile {
  defaultAction: string
  defaultErrnoRet?: number | null
  architectures?: string[] | null
  archMap?: { architecture: string; subArchitectures?: string[] | null }[] | null
  syscalls?: DockerSeccompSyscall[] | null
}

/** What Docker and runc need to know about the container and the host to render a profile. */
export interface ProfileContext {
  /** The container's bounding set, CAP_ names (Docker filters on Process.Capabilities.Bounding). */
  capabilities: readonly string[]
  /** The host kernel release (uname -r), e.g. 6.18.44-fc-v1300: for minKernel. */
  kernel: string
  /** Docker's name of the host architecture (runtime.GOARCH). */
  hostArch: 'amd64' | 'arm64'
  /**
   * The newest system call (by its number in the common table, 424 and up) the runtime's libseccomp
   * knows; runc skips names libseccomp cannot resolve. Absent: libseccomp knows every name listed.
   */
  syscallHorizon?: number
}

/** Docker's default capabilities (oci/caps DefaultCapabilities, unchanged from 20.10 to 29.x). */
export const DOCKER_DEFAULT_CAPABILITIES: readonly string[] = [
  'CAP_CHOWN', 'CAP_DAC_OVERRIDE', 'CAP_FSETID', 'CAP_FOWNER', 'CAP_MKNOD', 'CAP_NET_RAW', 'CAP_SETGID', 'CAP_SETUID',
  'CAP_SETFCAP', 'CAP_SETPCAP', 'CAP_NET_BIND_SERVICE', 'CAP_SYS_CHROOT', 'CAP_KILL', 'CAP_AUDIT_WRITE'
]
