// Syscalls every container needs under a seccomp profile, whatever its workload does: the runtime's own
// calls after it installs the filter, before it execs the container's command, the C library's start-up
// of that command, and the exit at the end.
// An observation starts on a running container and never sees them, so a profile made only of what it
// saw would stop the next container from starting.
//
// Learned on the test host (Docker 20.10.24, runc 1.1.5, kernel 6.18) by tracing `docker run … true`
// from containerd down (set_event_pid = containerd's threads, event-fork): runc init loads the filter with
// prctl(PR_SET_SECCOMP) and then, on that thread, made exactly the calls in RUNC_AFTER_FILTER up to and
// including execve. (runc installs the filter before it drops capabilities and switches user, so capset,
// setuid, setgroups… are among them.) RUNC_GO_RUNTIME adds what the Go runtime of runc may call on that
// thread at other times (scheduling, signals, memory) although this run did not. See docs/kernel-notes.md.
export const RUNC_AFTER_FILTER: readonly string[] = [
  'read', 'write', 'close', 'fstat', 'getpid', 'getppid', 'execve', 'fcntl', 'getcwd', 'chdir', 'setuid', 'setgid',
  'setgroups', 'capget', 'capset', 'prctl', 'fstatfs', 'futex', 'getdents64', 'epoll_ctl', 'openat',
  'newfstatat', 'faccessat2'
]

export const RUNC_GO_RUNTIME: readonly string[] = [
  'nanosleep', 'sched_yield', 'mmap', 'munmap', 'madvise', 'rt_sigaction', 'rt_sigprocmask', 'rt_sigreturn',
  'sigaltstack', 'gettid', 'tgkill', 'epoll_pwait', 'clock_gettime', 'getrandom'
]

/**
 * What a program's C library does before main(), whatever the program: a window opened on a running
 * container missed it for the command it started with. Traced on the test host after the execve of
 * `true`: busybox-static's in glasshouse-test:busybox (mprotect brk readlink getuid prctl arch_prctl
 * set_tid_address set_robust_list prlimit64 getrandom rseq) and Debian 12's glibc-dynamic /bin/true
 * (read close mmap mprotect munmap brk pread64 access arch_prctl set_tid_address openat newfstatat
 * set_robust_list prlimit64 rseq).
 */
export const PROGRAM_START: readonly string[] = [
  'arch_prctl', 'set_tid_address', 'set_robust_list', 'rseq', 'prlimit64', 'brk', 'mmap', 'mprotect', 'munmap',
  'readlink', 'getuid', 'getrandom', 'access', 'pread64', 'openat', 'newfstatat', 'read', 'close'
]

/** Every process ends with one of these. */
export const EXIT_SYSCALLS: readonly string[] = ['exit', 'exit_group']

export const RUNTIME_BASELINE: readonly string[] = [...new Set([...RUNC_AFTER_FILTER, ...RUNC_GO_RUNTIME, ...PROGRAM_START, ...EXIT_SYSCALLS])].sort()
