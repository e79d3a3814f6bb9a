import type { Demo } from './types'

export const utsIpc: Demo = {
  id: 'uts-ipc',
  title: 'UTS (hostname) and IPC namespaces',
  concept:
    'The UTS namespace holds the hostname; the IPC namespace holds System V IPC and POSIX shared memory (/dev/shm). Each container has its own of both, unless told to share.',
  steps: [
    {
      title: 'Container a with its own hostname, its IPC shareable',
      actions: [
        { kind: 'run', role: 'a', hostname: 'classroom', ipc: 'shareable', command: ['sleep', '3600'] },
        { kind: 'exec', container: 'a', command: ['hostname'] }
      ],
      look: { view: 'namespaces', container: 'a', what: 'its uts and ipc namespaces' },
      predict: 'We set the hostname to classroom. Did the host\'s hostname change too?',
      reveal: 'No: a has its own UTS namespace; the hostname is set in there only.',
      tryIt: 'docker run --rm --hostname classroom busybox hostname; hostname'
    },
    {
      title: 'Container b joins a\'s IPC namespace only',
      actions: [
        { kind: 'run', role: 'b', ipc: { container: 'a' }, command: ['sleep', '3600'] },
        { kind: 'exec', container: 'b', command: ['hostname'] },
        { kind: 'exec', container: 'a', command: ['sh', '-c', 'echo note from a > /dev/shm/note'] },
        { kind: 'exec', container: 'b', command: ['cat', '/dev/shm/note'] }
      ],
      look: { view: 'namespaces', container: 'b', what: 'the ipc row shared by a and b, the uts row not' },
      predict: 'a writes a note to shared memory. Can b read it? And what is b\'s hostname?',
      reveal: 'b reads "note from a": they share one IPC namespace and its /dev/shm. But b\'s hostname is its own id: the UTS namespace was not shared.',
      tryIt: 'docker run --rm --ipc container:a busybox cat /dev/shm/note'
    }
  ],
  cleanup: 'Removes a and b.'
}
