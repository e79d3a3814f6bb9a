import type { Demo } from './types'

export const sharedNetwork: Demo = {
  id: 'shared-network',
  title: 'Shared network namespace: --network container:…',
  concept:
    'A network namespace is one network stack: interfaces, addresses, ports, routes. A second container can join the first one\'s, as the containers of a Kubernetes pod do; then 127.0.0.1 is the same place for both.',
  steps: [
    {
      title: 'Container a serves a page on its loopback',
      actions: [
        { kind: 'run', role: 'a', network: 'none', command: ['sh', '-c', 'echo hello from a > /tmp/index.html && httpd -f -p 8080 -h /tmp'] }
      ],
      look: { view: 'namespaces', container: 'a', what: 'its own net namespace' },
      predict: 'a has no network at all (--network none). Can anything reach its web server?',
      reveal: 'Nothing outside: it has only a loopback interface, in its own net namespace.',
      tryIt: 'docker run -d --name a --network none busybox httpd -f -p 8080'
    },
    {
      title: 'Container b joins a\'s network namespace and asks 127.0.0.1',
      actions: [
        { kind: 'run', role: 'b', network: { container: 'a' }, command: ['sleep', '3600'] },
        { kind: 'exec', container: 'b', command: ['wget', '-q', '-O', '-', 'http://127.0.0.1:8080/'] }
      ],
      look: { view: 'namespaces', container: 'b', what: 'the net row: a and b share one namespace' },
      predict: 'b asks its own 127.0.0.1:8080. Who answers?',
      reveal: 'a\'s server answers "hello from a": both containers are in one net namespace, so they share loopback and ports (but not processes or files).',
      tryIt: 'docker run --rm --network container:a busybox wget -qO- 127.0.0.1:8080'
    }
  ],
  cleanup: 'Removes a and b.'
}
