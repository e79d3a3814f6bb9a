import type { Demo } from './types'

export const rootIsRoot: Demo = {
  id: 'root-is-root',
  title: 'Root in the container is root on the host',
  concept:
    'Without a user namespace, UID 0 inside a container is UID 0 on the host: the same user the kernel checks. Only the capabilities Docker dropped, seccomp and the namespaces stand between it and the host.',
  steps: [
    {
      title: 'Who am I, inside?',
      actions: [
        { kind: 'run', role: 'a', command: ['sleep', '3600'] },
        { kind: 'exec', container: 'a', command: ['id'] }
      ],
      look: { view: 'container', container: 'a', what: 'the process\'s user as the host sees it' },
      predict: 'Inside, id says uid=0 (root). Which user does the host see?',
      reveal: 'Root too: uid 0 on the host. A file this process can reach through a mount, it reaches as the host\'s root.',
      tryIt: 'docker run -d busybox sleep 60; ps -o user,pid,comm -C sleep on the host'
    },
    {
      title: 'Is user-namespace remapping on?',
      actions: [{ kind: 'info' }],
      look: { view: 'namespaces', container: 'a', what: 'the user row: the container shares the host\'s user namespace' },
      predict: 'Does this daemon remap container root to an unprivileged host user?',
      reveal:
        'Without "name=userns" in the security options, no. With userns-remap on (dockerd --userns-remap=default), root inside would be a high, unprivileged UID on the host (e.g. 100000), mapped by /proc/<pid>/uid_map.',
      tryIt: 'docker info --format "{{.SecurityOptions}}"'
    },
    {
      title: 'The usual fix: run as another user',
      actions: [
        { kind: 'run', role: 'user', user: '1000:1000', command: ['sleep', '3600'] },
        { kind: 'exec', container: 'user', command: ['id'] }
      ],
      look: { view: 'container', container: 'user', what: 'uid 1000, and no effective capabilities' },
      predict: 'With --user 1000:1000, what does the host see?',
      reveal: 'uid 1000 on both sides, and no effective capabilities: the kernel treats it as an ordinary user.',
      tryIt: 'docker run --rm --user 1000:1000 busybox id'
    }
  ],
  cleanup: 'Removes a and user.'
}
