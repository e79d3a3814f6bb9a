import type { Demo } from './types'

export const seccompDemo: Demo = {
  id: 'seccomp',
  title: 'seccomp: the default filter, then unconfined',
  concept:
    'seccomp filters system calls before the kernel runs them. Docker\'s default profile allows the usual ones and refuses about fifty (unshare, mount, keyctl, …) unless a capability opens them. It is finer than capabilities: a call, not a privilege.',
  steps: [
    {
      title: 'unshare a user namespace, default profile',
      actions: [
        { kind: 'run', role: 'default', command: ['sleep', '3600'] },
        { kind: 'exec', container: 'default', command: ['unshare', '-U', 'id'] }
      ],
      expectFailure: true,
      look: { view: 'security', container: 'default', what: 'seccomp: filter (the default profile)' },
      predict: 'A new user namespace needs no capability at all. Will unshare -U work?',
      reveal: '"Operation not permitted": the seccomp filter refused the unshare call before the kernel looked at anything else.',
      tryIt: 'docker run --rm busybox unshare -U id'
    },
    {
      title: 'The same call with --security-opt seccomp=unconfined',
      actions: [
        { kind: 'run', role: 'unconfined', securityOpt: ['seccomp=unconfined'], command: ['sleep', '3600'] },
        { kind: 'exec', container: 'unconfined', command: ['unshare', '-U', 'id'] }
      ],
      look: { view: 'security', container: 'unconfined', what: 'seccomp: disabled, flagged as a risk' },
      predict: 'Same container, no filter. Now?',
      reveal: 'It works: id runs in a new user namespace as uid 65534 (nobody, since no mapping was written). Only the filter had stood in the way.',
      tryIt: 'docker run --rm --security-opt seccomp=unconfined busybox unshare -U id'
    }
  ],
  cleanup: 'Removes default and unconfined.'
}
