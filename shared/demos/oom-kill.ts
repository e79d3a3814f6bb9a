import type { Demo } from './types'

export const oomKill: Demo = {
  id: 'oom-kill',
  title: 'A memory hog killed at its limit',
  concept:
    'The memory cgroup charges every page a container uses. At the limit, the kernel reclaims what it can, then its OOM killer kills a process of that cgroup: not of the host.',
  steps: [
    {
      title: 'Start a hog with 32 MiB',
      actions: [
        { kind: 'run', role: 'hog', memory: '32m', memorySwap: '32m', command: ['tail', '/dev/zero'] },
        { kind: 'wait', container: 'hog' }
      ],
      look: { view: 'container', container: 'hog', what: 'the OOM marker: who was killed, with how much memory' },
      predict: 'tail /dev/zero keeps a line that never ends in memory. What happens at 32 MiB?',
      reveal: 'The kernel\'s OOM killer kills tail inside the cgroup; the container exits with 137 (128 + SIGKILL) and Docker marks it OOMKilled. The rest of the host never noticed.',
      tryIt: 'docker run -m 32m --memory-swap 32m busybox tail /dev/zero; echo $?'
    }
  ],
  cleanup: 'Removes hog.'
}
