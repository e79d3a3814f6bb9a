import type { Demo } from './types'

export const pidNamespace: Demo = {
  id: 'pid-namespace',
  title: 'PID namespace: PID 1 inside, a plain PID outside',
  concept:
    'A container gets its own PID namespace: its first process is PID 1 in there and sees only its own tree. The host sees the same process under its real, larger PID.',
  steps: [
    {
      title: 'Start a container running sleep',
      actions: [{ kind: 'run', role: 'a', command: ['sleep', '3600'] }],
      look: { view: 'namespaces', container: 'a', what: 'the PID column: the in-container PID next to the host PID' },
      predict: 'sleep is the container\'s first process. Which PID will it have inside, and which on the host?',
      reveal: 'Inside it is PID 1; on the host it has an ordinary PID in the thousands. Same process, two numbers: one per PID namespace it is visible in.',
      tryIt: 'docker run -d --name a busybox sleep 3600; docker top a (host PIDs)'
    },
    {
      title: 'List the processes from inside',
      actions: [{ kind: 'exec', container: 'a', command: ['ps'] }],
      look: { view: 'namespaces', container: 'a', what: 'the container\'s own PID namespace, holding only its processes' },
      predict: 'How many processes will ps inside the container list?',
      reveal: 'Only sleep (PID 1) and ps itself: the namespace hides every other process of the host.',
      tryIt: 'docker exec a ps; then ps -ef | grep sleep on the host'
    }
  ],
  cleanup: 'Removes the container a.'
}
