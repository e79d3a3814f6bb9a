// A TCP port free on loopback at this moment, for a daemon or server a test starts there.
import { createServer } from 'node:net'

export async function freeLoopbackPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const address = server.address()
  await new Promise((r) => server.close(r))
  if (address === null || typeof address === 'string') throw new Error('no port')
  return address.port
}
