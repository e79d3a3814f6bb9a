import type { Demo } from './types'

export const pidsLimit: Demo = {
  id: 'pids-limit',
  title: 'A fork loop stopped by --pids-limit',
  concept: 'The pids cgroup caps how many processes and threads a container may have. A fork bomb inside hits the cap; the host keeps its process table.',
  steps: [
    {
      title: 'Try to start 100 processes with a limit of 20',
      actions: [
        { kind: 'run', role: 'forks', pidsLimit: 20, command: ['sleep', '3600'] },
        { kind: 'exec', container: 'forks', command: ['sh', '-c', 'i=0; while [ $i -lt 100 ]; do sleep 600 & sleep 0.1; i=$((i+1)); done; wait'] }
      ],
      expectFailure: true,
      look: { view: 'cgroups', container: 'forks', what: 'pids at 20 of 20, and the refused forks' },
      predict: 'The loop asks for 100 processes. How many will there be?',
      reveal: 'The shell reached 20 processes (sleep as PID 1, itself and the sleeps it started, one every 0.1 s); its next fork failed with "can\'t fork" (EAGAIN), the kernel counted the refusal, and the shell gave up. The sleeps it started stay, just under the limit.',
      tryIt: 'docker run -d --pids-limit 20 busybox sh -c "while :; do sleep 600 & done"; docker stats --no-stream'
    }
  ],
  cleanup: 'Removes forks and its processes.'
}
