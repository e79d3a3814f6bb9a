// One GET to the daemon through dockerode's modem, with the read's deadline: the swarm, image and
// changes calls dockerode types without options (so without an abort signal) go through here.
import type { EngineReads } from './engine-reads'

export function engineGet(docker: EngineReads, path: string, signal: AbortSignal): Promise<unknown> {
  return new Promise((resolve, reject) => {
    docker.modem.dial(
      { path, method: 'GET', options: {}, abortSignal: signal, statusCodes: { 200: true, 404: 'not found', 406: 'node is not part of a swarm', 500: 'server error', 503: 'node is not a swarm manager' } },
      (error, data) => (error ? reject(error) : resolve(data))
    )
  })
}
