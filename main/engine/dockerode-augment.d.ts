// What dockerode 5 accepts that @types/dockerode 4 does not declare (dockerode 5 ships no typings,
// kernel-facts §6.1), checked against node_modules/dockerode/lib and docker-modem/lib. Type-only.
//
// Both packages are typed as `export = <class>`: an augmentation reaches the interfaces of their
// namespaces, not the class instances. Where an instance method takes more than its typings say
// (info, version and ping take options in dockerode 5), a view below names it, and a Dockerode is
// assignable to that view without a cast (a function with fewer parameters is assignable).
import type { Agent } from 'node:http'
import type DockerModem from 'docker-modem'
import 'dockerode'

declare module 'dockerode' {
  interface DockerOptions {
    /** An existing modem to send every request through (lib/docker.js uses it instead of building one). */
    modem?: DockerModem
    /** An http(s).Agent for every request, handed by docker-modem to http.request. */
    agent?: Agent
  }

  interface GetEventsOptions {
    /** docker-modem passes it to http.request: aborting ends the request or the stream. */
    abortSignal?: AbortSignal
  }

  interface SignalOptions {
    abortSignal?: AbortSignal
  }

  /** Calls that dockerode 5 gives an options argument (lib/docker.js: `args.opts.abortSignal`). */
  interface CallsWithOptions {
    ping(options: SignalOptions): Promise<unknown>
    info(options: SignalOptions): Promise<unknown>
    version(options: SignalOptions): Promise<unknown>
  }
}
