import type { Demo } from './types'

const SECRET_FILE = '/run/secrets/db_password'

export const swarmSecret: Demo = {
  id: 'swarm-secret',
  title: 'A secret under /run/secrets',
  concept:
    'A swarm keeps secrets encrypted in its raft store and sends them only to the nodes that run a task using them. There the secret is a file on an in-memory filesystem (tmpfs) mounted at /run/secrets/<name>: never in the image, never on disk, never in docker inspect.',
  consent: {
    what: 'swarm-init',
    text: 'This demo initialises a single-node swarm on this daemon (docker swarm init --advertise-addr 127.0.0.1) and leaves it afterwards. If the daemon is already in a swarm, the demo uses it and does not leave it.'
  },
  steps: [
    {
      title: 'A swarm of one node',
      actions: [{ kind: 'swarm-init' }],
      look: { view: 'swarm', container: null, what: 'this node, a manager, and the swarm\'s security posture' },
      predict: 'Secrets belong to swarm services, not to docker run. What does a laptop need to become a swarm?',
      reveal: 'One command: docker swarm init makes this daemon a manager of a swarm of one node, with its own certificate authority and an encrypted raft store.',
      tryIt: 'docker swarm init --advertise-addr 127.0.0.1; docker node ls'
    },
    {
      title: 'Create a secret',
      actions: [
        { kind: 'secret-create', secret: 'db-password' },
        { kind: 'secret-inspect', secret: 'db-password' }
      ],
      look: { view: 'swarm', container: null, what: 'the secret beside the services' },
      predict: 'The value went in on stdin. Will docker secret inspect give it back?',
      reveal: 'No: the daemon returns the secret\'s name, labels and dates, never its data. Glasshouse generated the value at random and does not print it either.',
      tryIt: 'printf s3cret | docker secret create mySecret -; docker secret inspect mySecret'
    },
    {
      title: 'A service that reads the secret',
      actions: [
        {
          kind: 'service-create',
          role: 'web',
          secrets: [{ secret: 'db-password', target: 'db_password', mode: 0o400 }],
          // Reads it once, then waits; ends on the SIGTERM of `docker service rm` (a shell as PID 1 ignores it: 10 s per cleanup).
          command: ['sh', '-c', `wc -c ${SECRET_FILE}; trap exit TERM; sleep 3600 & wait`]
        },
        { kind: 'task-exec', service: 'web', command: ['stat', '-c', '%n: %s bytes, mode %A, uid %u', SECRET_FILE] }
      ],
      look: { view: 'swarm', container: 'web', what: 'the service\'s task and the secret\'s file' },
      predict: 'The service was granted the secret. What does its container find in /run/secrets?',
      reveal: 'A file named after the target, db_password: 24 bytes, mode 0400, owned by root, as the service asked. The program reads it like any file.',
      tryIt: 'docker service create --name web --secret mySecret busybox sh -c "ls -l /run/secrets; sleep 3600"'
    },
    {
      title: 'In memory, and not in docker inspect',
      actions: [
        { kind: 'task-exec', service: 'web', command: ['grep', '/run/secrets', '/proc/self/mountinfo'] },
        { kind: 'inspect-for-secret', service: 'web', secret: 'db-password' }
      ],
      look: { view: 'swarm', container: 'web', what: 'the secret\'s file, checked in the task\'s mount table: a tmpfs' },
      predict: 'Is the file on disk? And does docker inspect show the secret, as it shows an -e variable?',
      reveal: 'A read-only tmpfs: memory, not disk (its root is the secret\'s id). And docker inspect does not hold the value, unlike -e DB_PASSWORD=…, which anyone allowed to inspect reads.',
      tryIt: 'docker exec <task container> grep secrets /proc/self/mountinfo'
    },
    {
      title: 'Not in the image',
      actions: [
        { kind: 'run', role: 'plain', command: ['sleep', '3600'] },
        { kind: 'exec', container: 'plain', command: ['ls', '/run/secrets'] }
      ],
      expectFailure: true,
      look: { view: 'container', container: 'plain', what: 'a container of the same image, outside the service' },
      predict: 'A plain container of the same image: does it have /run/secrets?',
      reveal: 'No such directory: the secret was never in the image. Swarm mounts it into the containers of the services granted it, and nowhere else.',
      tryIt: 'docker run --rm busybox ls /run/secrets'
    }
  ],
  cleanup: 'Removes the service web, the secret, the container plain, and leaves the swarm if this demo initialised it.'
}
