// Short explanations for a classroom, in our own words. Each is a few paragraphs, one thing to
// try, and what to look for in Glasshouse.
import { DOCKER_DEFAULT_CAPS } from '../../shared/capabilities'
import type { ConceptId } from '../store/ui-slice'

export interface Concept {
  title: string
  paragraphs: string[]
  tryIt: string
  lookFor: string
}

export const CONCEPTS: Record<ConceptId, Concept> = {
  namespaces: {
    title: 'Namespaces: what a process can see',
    paragraphs: [
      'A container is not a small virtual machine. It is ordinary processes on the host, sharing the host\'s one kernel. What makes them feel alone is that the kernel gives them their own view of some things.',
      'Each such view is a namespace. There are eight kinds: pid (which processes exist), net (network interfaces, ports, routes), mnt (the file system tree), uts (the hostname), ipc (shared memory and message queues), user (which user ids exist), cgroup (which part of the cgroup tree is visible) and time (some clocks).',
      'Docker creates new pid, net, mnt, uts and ipc namespaces for each container. It leaves user, time and (on cgroup v1) cgroup shared with the host. Options like --pid host or --network container:web reuse an existing namespace instead of creating one.',
      'Every namespace has a number (an inode). Two processes with the same number in the same column are in the same namespace: they see the same things.'
    ],
    tryIt: 'ls -l /proc/self/ns    — run it on the host and inside a container and compare the numbers.',
    lookFor: 'In the sharing map, equal namespaces share a colour and a letter. Red "HOST" cells mean a container sees what the host sees.'
  },
  'pid-namespaces': {
    title: 'PID namespaces: one process, two numbers',
    paragraphs: [
      'Inside a container, the first program has PID 1 and sees only its own processes. On the host, the very same process has an ordinary PID, such as 2776. Both are true at once: the process has one number in each PID namespace it belongs to.',
      'PID namespaces nest. The host\'s namespace contains every container\'s namespace, and a program inside a container can create another one inside that. A process in the innermost one has a number at every level: host 8433 → 7 in the container → 1 in the nested namespace.',
      'The host can see and signal every process; a container sees only the processes inside its own namespace. With --pid host a container skips its own namespace and sees all host processes.'
    ],
    tryIt: 'docker run -d --name demo busybox sleep 1000;  docker top demo    (host PIDs)  vs  docker exec demo ps   (PID 1 inside)',
    lookFor: 'Each process shows its host PID in blue and its PID inside its namespace in pink. Boxes inside boxes are namespaces inside namespaces.'
  },
  'user-namespaces': {
    title: 'User namespaces: is root in the container root on the host?',
    paragraphs: [
      'By default Docker does not give a container its own user namespace. Then user ids mean the same inside and outside: uid 0 (root) in the container is uid 0 on the host. The other walls (capabilities, seccomp, namespaces) are what keeps that root in check.',
      'With a user namespace (Docker\'s userns-remap, or rootless Docker), a uid map translates ids: root inside might be uid 100000 outside, an unprivileged user on the host. Escaping the container then gains little.',
      'Running the program as a normal user (docker run --user 1000:1000) helps too: it is uid 1000 on both sides.'
    ],
    tryIt: 'cat /proc/self/uid_map   — "0 0 4294967295" means no translation: ids are the host\'s.',
    lookFor: 'The user-namespace list under the sharing map says, per container, what its uid is on the host.'
  },
  cgroups: {
    title: 'Cgroups: how much a process may use',
    paragraphs: [
      'Namespaces decide what a process sees; control groups (cgroups) decide how much it may use. The kernel keeps processes in a tree of groups and counts, for each group, the memory, CPU time and number of processes it uses.',
      'Limits are enforced, not advisory. Over its memory limit, the kernel kills a process in the group (an OOM kill). Over its CPU quota, the group is paused until the next period (throttling). At its pids limit, creating a new process fails.',
      'The trap: /proc/cpuinfo and /proc/meminfo inside a container still describe the whole host. A program that sizes itself from them (older JVMs did) plans for the host and then gets throttled or killed.',
      'On cgroup v1 each resource (memory, cpu, pids …) has its own tree; on cgroup v2 there is one tree for all of them.'
    ],
    tryIt: 'docker run --memory 64m --cpus 0.5 --pids-limit 50 busybox cat /sys/fs/cgroup/memory/memory.limit_in_bytes',
    lookFor: 'The bars show use against the limit; markers on the sparklines show the moments a limit bit.'
  },
  capabilities: {
    title: 'Capabilities: root, in pieces',
    paragraphs: [
      'Traditionally root could do everything and everyone else could not. Linux splits root\'s power into about forty capabilities: change file owners, bind low ports, load kernel modules, set the clock, and so on.',
      `Docker starts containers as root but keeps only ${DOCKER_DEFAULT_CAPS.length} of them. --cap-add gives more back, --cap-drop takes more away (--cap-drop ALL takes all), and --privileged gives every capability.`,
      'A process has five sets. Effective is what the kernel checks right now. Permitted is what it may switch on. Bounding is the ceiling that can never be exceeded. Inheritable and ambient decide what passes to programs it starts.',
      'Some capabilities are nearly root on their own: CAP_SYS_ADMIN (mounts, namespaces and much more), CAP_SYS_MODULE (kernel code), CAP_SYS_PTRACE (read other processes\' memory).'
    ],
    tryIt: 'docker run --rm --cap-drop ALL busybox grep Cap /proc/self/status     (all zeros)',
    lookFor: 'In the matrix, + marks a capability added beyond Docker\'s default, − one dropped from it; a filled square means it is effective now.'
  },
  seccomp: {
    title: 'Seccomp: which system calls are allowed at all',
    paragraphs: [
      'Every time a program wants something from the kernel (open a file, create a process, mount a disk) it makes a system call. There are more than 300.',
      'Seccomp lets a process install a filter that the kernel runs before each system call. The filter allows it, refuses it with an error, or kills the process. Once installed, a filter can never be removed, only added to.',
      'Docker installs a default filter that blocks calls containers rarely need and attackers like (loading kernel modules, rebooting, changing the clock …). --security-opt seccomp=unconfined turns it off; a custom profile replaces it.',
      'no_new_privs is a related flag: once set, a program cannot gain privileges by running a setuid binary. --security-opt no-new-privileges sets it.'
    ],
    tryIt: 'grep Seccomp /proc/self/status   — 2 means a filter is active, 0 means none.',
    lookFor: 'The seccomp panel compares what Docker was asked for with the mode the kernel reports for each process.'
  },
  swarm: {
    title: 'Swarm: a cluster that trusts by certificate, and secrets that live in memory',
    paragraphs: [
      'docker swarm init turns an engine into a manager of a cluster. Managers keep the cluster\'s state (services, secrets, configs) in a raft log that they replicate to each other; that log is encrypted on disk.',
      'The swarm runs its own certificate authority. Every node gets a certificate naming its id and role, and nodes only talk over mutual TLS: each side proves who it is. Certificates are short-lived (three months by default) and renewed on their own; the root CA can be rotated.',
      'With autolock on, the key that decrypts the raft log is not kept on disk: after a restart someone must unlock the manager. Without it, whoever copies a manager\'s disk gets every secret.',
      'A secret given to a service reaches only the nodes running one of its tasks, and appears inside the container as a file on a tmpfs (memory) under /run/secrets: never in the image, never in a layer, never in an environment variable unless someone puts it there.'
    ],
    tryIt: 'printf s3cret | docker secret create pw -  then  docker service create --secret pw busybox sleep 1d  and read /proc/<pid>/mountinfo of its container.',
    lookFor: 'The Swarm view shows each secret\'s target with what the container\'s mount table says there: a read-only tmpfs file whose mount names the secret\'s id.'
  }
}
