import type { Demo } from './types'

export const cpusetMemory: Demo = {
  id: 'cpuset-memory',
  title: '--cpuset-cpus 0 -m 512MB: the talk\'s cgroup example',
  concept:
    'Cgroups account for and limit what a group of processes uses. --cpuset-cpus pins the container to CPU 0; -m caps its memory at 512 MB. The kernel enforces both, whatever the program inside believes.',
  steps: [
    {
      title: 'Two CPU burners, pinned to CPU 0',
      actions: [
        {
          kind: 'run',
          role: 'burner',
          cpusetCpus: '0',
          memory: '512MB',
          command: ['sh', '-c', 'yes > /dev/null & yes > /dev/null & wait']
        }
      ],
      look: { view: 'cgroups', container: 'burner', what: 'CPU use next to the cpuset, memory next to its 512 MiB limit' },
      predict: 'Two busy loops on a machine with several cores. How many cores will the container use?',
      reveal: 'One at most: both loops share CPU 0, so each gets half of it. Memory stays far below the 512 MiB limit.',
      tryIt: 'docker run -d --cpuset-cpus 0 -m 512MB busybox sh -c "yes >/dev/null & yes >/dev/null & wait"; docker stats --no-stream'
    },
    {
      title: 'Ask the container how many CPUs it has',
      actions: [{ kind: 'exec', container: 'burner', command: ['nproc'] }],
      look: { view: 'cgroups', container: 'burner', what: 'cpus allowed: 0' },
      predict: 'What does nproc say inside?',
      reveal: 'One: nproc reads the CPU affinity, which the cpuset sets. (A --cpus quota, by contrast, does not show up there: see the demo "What the program inside sees".)',
      tryIt: 'docker run --rm --cpuset-cpus 0 busybox nproc'
    }
  ],
  cleanup: 'Removes burner (the CPU load stops).'
}
