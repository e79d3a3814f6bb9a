// System calls grouped by what they touch, with one plain sentence on why Docker's default profile
// blocks the family. Names cover every ABI's table (umount on i386, clock_settime64 on 32-bit…).

export interface SyscallFamily {
  id: string
  title: string
  names: readonly string[]
  /** Why Docker's default profile keeps these out of a container. */
  why: string
}

export const SYSCALL_FAMILIES: readonly SyscallFamily[] = [
  {
    id: 'mount',
    title: 'Mounting',
    names: ['mount', 'umount', 'umount2', 'pivot_root', 'move_mount', 'open_tree', 'open_tree_attr', 'fsopen', 'fsconfig', 'fsmount', 'fspick', 'mount_setattr', 'chroot'],
    why: 'Mounting changes which files a process sees: a container that could mount might reach or hide host files.'
  },
  {
    id: 'modules',
    title: 'Kernel modules and kexec',
    names: ['init_module', 'finit_module', 'delete_module', 'create_module', 'query_module', 'get_kernel_syms', 'kexec_load', 'kexec_file_load'],
    why: 'Loading kernel code, or a new kernel, would run anything with full control of the host.'
  },
  {
    id: 'namespaces',
    title: 'Namespaces',
    names: ['unshare', 'setns', 'clone', 'clone3'],
    why: 'New namespaces (user namespaces above all) open parts of the kernel otherwise reserved to root on the host; clone is allowed only without namespace flags.'
  },
  {
    id: 'time',
    title: 'Clock',
    names: ['settimeofday', 'stime', 'clock_settime', 'clock_settime64', 'clock_adjtime', 'clock_adjtime64', 'adjtimex'],
    why: 'There is one clock for the whole host: a container must not set it for everybody.'
  },
  {
    id: 'keyring',
    title: 'Kernel keyring',
    names: ['add_key', 'request_key', 'keyctl'],
    why: 'The kernel keyring is not isolated per container: keys could leak between containers.'
  },
  {
    id: 'bpf',
    title: 'BPF and performance counters',
    names: ['bpf', 'perf_event_open'],
    why: 'BPF programs and performance counters can read kernel memory and watch other processes.'
  },
  {
    id: 'ptrace',
    title: 'Other processes',
    names: ['ptrace', 'process_vm_readv', 'process_vm_writev', 'kcmp', 'pidfd_getfd', 'process_madvise'],
    why: 'Reading or steering another process breaks its isolation (on kernels before 4.8 ptrace even bypassed seccomp).'
  },
  {
    id: 'reboot',
    title: 'Reboot',
    names: ['reboot'],
    why: 'Rebooting would stop the whole host, not just the container.'
  },
  {
    id: 'swap',
    title: 'Swap',
    names: ['swapon', 'swapoff'],
    why: 'Swap space belongs to the whole host.'
  },
  {
    id: 'host-state',
    title: 'Host-wide accounting, logs and quotas',
    names: ['acct', 'syslog', 'quotactl', 'quotactl_fd', 'lookup_dcookie', 'vhangup', 'sethostname', 'setdomainname', 'nfsservctl'],
    why: 'These read or change state the kernel keeps for the whole host (process accounting, the kernel log, disk quotas).'
  },
  {
    id: 'numa',
    title: 'Memory placement (NUMA)',
    names: ['mbind', 'set_mempolicy', 'get_mempolicy', 'set_mempolicy_home_node', 'migrate_pages', 'move_pages'],
    why: 'Memory placement calls can move memory of other processes on the host.'
  },
  {
    id: 'io-ports',
    title: 'I/O ports',
    names: ['iopl', 'ioperm'],
    why: 'Direct access to hardware ports bypasses every check the kernel makes.'
  },
  {
    id: 'handles',
    title: 'File handles and userfaultfd',
    names: ['open_by_handle_at', 'name_to_handle_at', 'userfaultfd'],
    why: "open_by_handle_at let a container open host files by handle (the 'shocker' escape); userfaultfd helps to win kernel races."
  },
  {
    id: 'obsolete',
    title: 'Obsolete calls',
    names: ['uselib', 'ustat', 'sysfs', '_sysctl', 'vm86', 'vm86old', 'bdflush', 'afs_syscall', 'getpmsg', 'putpmsg', 'security', 'tuxcall', 'vserver', 'break', 'ftime', 'gtty', 'stty', 'lock', 'mpx', 'prof', 'profil', 'ulimit', 'idle', 'epoll_ctl_old', 'epoll_wait_old'],
    why: 'Old interfaces with a history of bugs and no modern use.'
  },
  {
    id: 'io-uring',
    title: 'io_uring',
    names: ['io_uring_setup', 'io_uring_enter', 'io_uring_register'],
    why: 'io_uring has had many kernel bugs; Docker blocks it since version 25.'
  },
  {
    id: 'pkeys',
    title: 'Memory protection keys',
    names: ['pkey_mprotect', 'pkey_alloc', 'pkey_free'],
    why: 'Missing from Docker’s allow list before 23.0; Docker 23.0 and later allow them.'
  }
]

const FAMILY_OF = new Map<string, SyscallFamily>(SYSCALL_FAMILIES.flatMap((f) => f.names.map((n) => [n, f] as const)))

export const OTHER_FAMILY: SyscallFamily = { id: 'other', title: 'Everything else', names: [], why: '' }

export function familyOf(name: string): SyscallFamily {
  return FAMILY_OF.get(name) ?? OTHER_FAMILY
}
