// A family for each syscall name, so a list of 60 names reads as "files, memory, processes, network…".
// Rough on purpose: the grouping is for reading, the profile itself lists names.

export const SYSCALL_FAMILIES = ['files', 'memory', 'processes', 'signals', 'network', 'time', 'ipc', 'security', 'system', 'other'] as const
export type SyscallFamily = (typeof SYSCALL_FAMILIES)[number]

const RULES: ReadonlyArray<[SyscallFamily, RegExp]> = [
  ['security', /^(capget|capset|seccomp|prctl|arch_prctl|setuid|setgid|setre[ug]id|setres[ug]id|getres[ug]id|setfs[ug]id|setgroups|getgroups|landlock_.*|lsm_.*|keyctl|add_key|request_key|ptrace|personality)$/],
  ['network', /^(socket|socketpair|bind|listen|accept4?|connect|shutdown|send(to|msg|mmsg)?|recv(from|msg|mmsg)?|[gs]etsockopt|getsockname|getpeername)$/],
  ['signals', /^(rt_sig\w+|sigaltstack|kill|tkill|tgkill|pause|signalfd4?|pidfd_send_signal)$/],
  ['memory', /^(mmap|munmap|mremap|mprotect|madvise|brk|mlock2?|munlock|mlockall|munlockall|mincore|msync|membarrier|mbind|[gs]et_mempolicy|migrate_pages|move_pages|process_madvise|memfd_\w+|pkey_\w+|mseal|map_shadow_stack|userfaultfd|remap_file_pages)$/],
  ['time', /^(clock_\w+|nanosleep|gettimeofday|settimeofday|time|times|adjtimex|alarm|[gs]etitimer|timer_\w+|timerfd_\w+)$/],
  ['ipc', /^(pipe2?|eventfd2?|futex\w*|get_robust_list|set_robust_list|msg(get|snd|rcv|ctl)|sem(get|op|timedop|ctl)|shm(get|at|dt|ctl)|mq_\w+|epoll_\w+|poll|ppoll|select|pselect6|io_uring_\w+|io_\w+)$/],
  ['processes', /^(clone3?|fork|vfork|execve(at)?|exit(_group)?|wait4|waitid|getpid|getppid|gettid|set_tid_address|[gs]etpgid|getpgrp|[gs]etsid|getp?riority|setpriority|sched_\w+|unshare|setns|prlimit64|[gs]etrlimit|getrusage|get[ug]id|gete[ug]id|rseq|pidfd_\w+|kcmp|process_vm_\w+|uname|sysinfo|getcpu|chroot|pivot_root)$/],
  ['system', /^(mount|umount2|mount_setattr|move_mount|open_tree|open_tree_attr|fsopen|fsconfig|fsmount|fspick|sethostname|setdomainname|reboot|kexec_\w+|init_module|finit_module|delete_module|syslog|swapon|swapoff|acct|quotactl\w*|bpf|perf_event_open|iopl|ioperm|vhangup|sysfs|_sysctl|ustat)$/],
  ['files', /./]
]

// Names in the catch-all that are not about files.
const OTHER = new Set(['restart_syscall', 'getrandom', 'ioctl', 'ni_syscall'])

export function syscallFamily(name: string): SyscallFamily {
  if (OTHER.has(name) || /^\d+$/.test(name) || name.startsWith('syscall_')) return 'other'
  for (const [family, pattern] of RULES) if (pattern.test(name)) return family
  return 'other'
}
