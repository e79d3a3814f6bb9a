// The short texts behind Help → Explanations and Help → About, in our own words.
export const EXPLANATIONS = `Namespaces decide what a process can see. A container gets its own PID namespace (its first
process is PID 1 inside, while the host knows it by another number), its own network, mount,
UTS (hostname) and IPC namespaces, and sometimes shares one with the host or another container.

Cgroups decide how much a process may use: memory, CPU time, the number of processes. The kernel
enforces the limits: over its memory limit a container is OOM-killed, over its CPU quota it is
throttled, at its pids limit fork() fails.

Capabilities split root's power into about forty pieces. Docker keeps a short default list and
drops the rest; --cap-add and --cap-drop change the list, --privileged gives them all.

Seccomp filters which system calls a process may make at all. Docker's default profile blocks
the dangerous ones; "unconfined" turns the filter off.

Glasshouse reads all of this from /proc and /sys/fs/cgroup (what the kernel enforces) and from
the Docker daemon (what was asked for), and shows where the two differ.`

export function aboutText(versions: { app: string; electron: string; chrome: string; node: string }): string {
  return (
    `Version ${versions.app}\nElectron ${versions.electron} · Chromium ${versions.chrome} · Node ${versions.node}\n\n` +
    'See the walls the Linux kernel builds around each container: namespaces, cgroups, capabilities, seccomp. ' +
    'Glasshouse only reads; it never changes a container.'
  )
}
