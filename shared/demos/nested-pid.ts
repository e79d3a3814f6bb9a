import type { Demo } from './types'

export const nestedPid: Demo = {
  id: 'nested-pid',
  title: 'A PID namespace inside a container\'s PID namespace',
  concept:
    'PID namespaces nest: a process in a child namespace has one PID per level, from the host down. Creating one needs CAP_SYS_ADMIN, which Docker does not give a container by default.',
  steps: [
    {
      title: 'Try unshare in an ordinary container',
      actions: [
        { kind: 'run', role: 'plain', command: ['sleep', '3600'] },
        { kind: 'exec', container: 'plain', command: ['unshare', '-p', '-f', 'true'] }
      ],
      expectFailure: true,
      look: { view: 'security', container: 'plain', what: 'no SYS_ADMIN in its capabilities' },
      predict: 'Can root in a default container make a new PID namespace?',
      reveal: 'No: "Operation not permitted". It lacks CAP_SYS_ADMIN, and Docker\'s seccomp filter refuses unshare to a container without it.',
      tryIt: 'docker run --rm busybox unshare -p -f true'
    },
    {
      title: 'With SYS_ADMIN and without seccomp, nest a PID namespace',
      actions: [
        {
          kind: 'run',
          role: 'nest',
          capAdd: ['SYS_ADMIN'],
          securityOpt: ['seccomp=unconfined'],
          command: ['unshare', '-p', '-f', 'sleep', '3600']
        },
        { kind: 'exec', container: 'nest', command: ['ps'] }
      ],
      look: { view: 'namespaces', container: 'nest', what: 'sleep with three PIDs: host, container, nested namespace' },
      predict: 'sleep now lives two namespaces down. How many PIDs does it have?',
      reveal:
        'Three: its host PID, a PID in the container\'s namespace, and PID 1 in the nested one. SYS_ADMIN passes the capability check; seccomp=unconfined lifts the syscall filter as well, so the demo works whatever profile the daemon has. Both give away a great deal: never in production.',
      tryIt: 'docker run --rm --cap-add SYS_ADMIN busybox unshare -p -f --mount-proc ps (its own /proc: ps sees PID 1)'
    }
  ],
  cleanup: 'Removes plain and nest.'
}
