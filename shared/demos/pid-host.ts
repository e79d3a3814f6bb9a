import type { Demo } from './types'

export const pidHost: Demo = {
  id: 'pid-host',
  title: '--pid host: no PID namespace of its own',
  concept: 'With --pid host the container joins the host\'s PID namespace: it sees, and as root can signal, every process on the machine.',
  steps: [
    {
      title: 'Start a container in the host\'s PID namespace',
      actions: [{ kind: 'run', role: 'a', pid: 'host', command: ['sleep', '3600'] }],
      look: { view: 'namespaces', container: 'a', what: 'its pid namespace cell: the same inode as the host\'s' },
      predict: 'Which PID will sleep have inside this container?',
      reveal: 'The same as on the host: there is no second number, because there is no second PID namespace. Glasshouse flags it as a host namespace.',
      tryIt: 'docker run --rm --pid host busybox ps | head'
    },
    {
      title: 'Count the processes it can see',
      actions: [{ kind: 'exec', container: 'a', command: ['sh', '-c', 'ps | wc -l'] }],
      look: { view: 'namespaces', container: 'a', what: 'the pid row shared with the host' },
      predict: 'A few processes, or all of the host\'s?',
      reveal: 'All of them: every process of the host, including other containers\' and the Docker daemon.',
      tryIt: 'docker run --rm --pid host busybox ps'
    }
  ],
  cleanup: 'Removes the container a.'
}
