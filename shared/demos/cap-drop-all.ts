import type { Demo } from './types'

export const capDropAll: Demo = {
  id: 'cap-drop-all',
  title: '--cap-drop ALL: root without its powers',
  concept:
    'Capabilities split root\'s power into pieces: CHOWN, NET_RAW, SYS_ADMIN… Docker gives a container a default subset. --cap-drop ALL removes every one: the process is still uid 0, but the kernel refuses what needs a capability.',
  steps: [
    {
      title: 'Root with the default capabilities changes a file\'s owner',
      actions: [
        { kind: 'run', role: 'default', command: ['sleep', '3600'] },
        { kind: 'exec', container: 'default', command: ['sh', '-c', 'touch /tmp/f && chown 1000 /tmp/f && ls -ln /tmp/f'] }
      ],
      look: { view: 'security', container: 'default', what: 'its row of capabilities: CHOWN and NET_RAW among them' },
      predict: 'Can root in a default container give a file to user 1000?',
      reveal: 'Yes: CHOWN is one of Docker\'s default capabilities.',
      tryIt: 'docker run --rm busybox sh -c "touch f && chown 1000 f && ls -ln f"'
    },
    {
      title: 'The same with --cap-drop ALL',
      actions: [
        { kind: 'run', role: 'nocaps', capDrop: ['ALL'], command: ['sleep', '3600'] },
        { kind: 'exec', container: 'nocaps', command: ['sh', '-c', 'touch /tmp/f && chown 1000 /tmp/f'] }
      ],
      expectFailure: true,
      look: { view: 'security', container: 'nocaps', what: 'an empty row: no capability at all' },
      predict: 'Still uid 0. Will chown work now?',
      reveal: '"Operation not permitted" (EPERM): changing a file\'s owner needs CAP_CHOWN, and being uid 0 is not enough.',
      tryIt: 'docker run --rm --cap-drop ALL busybox sh -c "touch f && chown 1000 f"'
    },
    {
      title: 'And ping',
      actions: [{ kind: 'exec', container: 'nocaps', command: ['ping', '-c', '1', '-W', '1', '127.0.0.1'] }],
      expectFailure: true,
      look: { view: 'security', container: 'nocaps', what: 'NET_RAW missing' },
      predict: 'Can it ping its own loopback?',
      reveal: 'No: busybox ping opens a raw socket, which needs CAP_NET_RAW. That is also why the default set keeps NET_RAW, and why hardened images drop it.',
      tryIt: 'docker run --rm --cap-drop ALL busybox ping -c1 127.0.0.1'
    }
  ],
  cleanup: 'Removes default and nocaps.'
}
