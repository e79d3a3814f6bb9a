import type { Demo } from './types'

export const programSees: Demo = {
  id: 'program-sees',
  title: 'What the program inside sees, and its limits (the Java trap)',
  concept:
    'Limits live in cgroups, but /proc/meminfo and most ways of counting CPUs describe the host. A program that sizes itself from them (the JVM before Java 10: heap, thread pools) plans for a machine it does not have.',
  steps: [
    {
      title: 'Pinned to CPU 0 with 512 MB',
      actions: [
        { kind: 'run', role: 'pinned', cpusetCpus: '0', memory: '512MB', command: ['sleep', '3600'] },
        { kind: 'exec', container: 'pinned', command: ['nproc'] },
        { kind: 'exec', container: 'pinned', command: ['head', '-n', '1', '/proc/meminfo'] },
        {
          kind: 'exec',
          container: 'pinned',
          command: ['sh', '-c', 'cat /sys/fs/cgroup/memory.max 2>/dev/null || cat /sys/fs/cgroup/memory/memory.limit_in_bytes']
        }
      ],
      look: { view: 'cgroups', container: 'pinned', what: '"what the program sees" next to the limits' },
      predict: 'The limit is 512 MB. What will /proc/meminfo say?',
      reveal:
        'MemTotal is the host\'s memory; only the cgroup file says 512 MiB. nproc says 1, because a cpuset changes the CPU affinity, which programs do see.',
      tryIt: 'docker run --rm -m 512MB busybox head -n1 /proc/meminfo'
    },
    {
      title: 'Half a core by quota',
      actions: [
        { kind: 'run', role: 'quota', cpus: 0.5, memory: '512MB', command: ['sleep', '3600'] },
        { kind: 'exec', container: 'quota', command: ['nproc'] }
      ],
      look: { view: 'cgroups', container: 'quota', what: 'a 0.5-core quota the program cannot see' },
      predict: 'With --cpus 0.5, what does nproc say?',
      reveal:
        'Every CPU of the host: a quota is invisible to the affinity mask. The JVM fixes this by reading the cgroup: -XX:+UseContainerSupport (the default since Java 10 and 8u191; before: -XX:+UnlockExperimentalVMOptions -XX:+UseCGroupMemoryLimitForHeap), sized with -XX:MaxRAMPercentage, and -XX:ActiveProcessorCount to set the CPU count by hand.',
      tryIt: 'docker run --rm --cpus 0.5 busybox nproc'
    }
  ],
  cleanup: 'Removes pinned and quota.'
}
