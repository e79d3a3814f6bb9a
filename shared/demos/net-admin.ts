import type { Demo } from './types'

export const netAdmin: Demo = {
  id: 'net-admin',
  title: '--cap-add NET_ADMIN: changing the network',
  concept:
    'Configuring interfaces, addresses and routes needs CAP_NET_ADMIN, which Docker leaves out by default. Added, it applies to the container\'s own network namespace only.',
  steps: [
    {
      title: 'Add an address to loopback, default capabilities',
      actions: [
        { kind: 'run', role: 'default', command: ['sleep', '3600'] },
        { kind: 'exec', container: 'default', command: ['ip', 'addr', 'add', '10.9.9.9/32', 'dev', 'lo'] }
      ],
      expectFailure: true,
      look: { view: 'security', container: 'default', what: 'NET_ADMIN not in its set' },
      predict: 'Root in a default container adds an IP address. Does it work?',
      reveal: '"RTNETLINK answers: Operation not permitted": no CAP_NET_ADMIN.',
      tryIt: 'docker run --rm busybox ip addr add 10.9.9.9/32 dev lo'
    },
    {
      title: 'The same with --cap-add NET_ADMIN',
      actions: [
        { kind: 'run', role: 'netadmin', capAdd: ['NET_ADMIN'], command: ['sleep', '3600'] },
        { kind: 'exec', container: 'netadmin', command: ['ip', 'addr', 'add', '10.9.9.9/32', 'dev', 'lo'] },
        { kind: 'exec', container: 'netadmin', command: ['ip', 'addr', 'show', 'lo'] }
      ],
      look: { view: 'security', container: 'netadmin', what: 'NET_ADMIN added (marked as beyond the default)' },
      predict: 'With NET_ADMIN, does the address appear? And on the host too?',
      reveal: 'It appears on the container\'s lo, and only there: the capability works inside the container\'s own network namespace.',
      tryIt: 'docker run --rm --cap-add NET_ADMIN busybox sh -c "ip addr add 10.9.9.9/32 dev lo && ip addr show lo"'
    }
  ],
  cleanup: 'Removes default and netadmin.'
}
