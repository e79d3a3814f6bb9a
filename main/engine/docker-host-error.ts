// A Docker endpoint setting (DOCKER_HOST, or the TLS files it points at) that cannot be used.
// Thrown when the client is created, before anything is sent, so a command line can say what is
// wrong in one line and exit 2 (bad input), as it does for its own options.
export class DockerHostError extends Error {
  override readonly name = 'DockerHostError'
}

/** DOCKER_HOST as it may be printed: a password in it (`ssh://user:secret@host`) is masked. */
export function printableDockerHost(value: string): string {
  return value.replace(/^([a-z][a-z0-9+.-]*:\/\/[^/@:]*):[^/@]*@/i, '$1:***@')
}
