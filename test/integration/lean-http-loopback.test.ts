// The lean HTTP client against a scripted server on a unix socket, for what the Docker daemon
// will not do on demand: close connections, split bodies, send garbage, never answer.
import { afterEach, describe, expect, it } from 'vitest'
import { createDockerClient } from '../../main/engine/docker-client'
import { describeDockerError } from '../../main/engine/docker-errors'
import { LeanEngineReads } from '../../main/engine/lean-engine-reads'
import { leanGetAsync, MAX_CONNECTIONS } from '../../main/engine/lean-http'
import { answerWith, scriptedServer, writeApart, type Answer, type ScriptedServer } from './support/scripted-http-server'

let server: ScriptedServer | null = null
afterEach(async () => {
  await server?.stop()
  server = null
})

async function serve(answer: Answer, options: { tcp?: boolean } = {}): Promise<ScriptedServer> {
  server = await scriptedServer(answer, options)
  return server
}

const get = (s: ScriptedServer, path = '/x', signal?: AbortSignal) => leanGetAsync({ socketPath: s.socketPath }, { path, signal })

/** A JSON body of about 100 KB, well above the daemon's ~4 KB chunking threshold. */
const BIG = JSON.stringify({ items: Array.from({ length: 2000 }, (_, i) => ({ id: i, name: `container-${i}-é` })) })

/** The body in chunked framing, in chunks of `size` bytes. */
function chunked(body: string, size: number): Buffer {
  const bytes = Buffer.from(body)
  const out: Buffer[] = []
  for (let at = 0; at < bytes.length; at += size) {
    const part = bytes.subarray(at, at + size)
    out.push(Buffer.from(`${part.length.toString(16)}\r\n`), part, Buffer.from('\r\n'))
  }
  return Buffer.concat([...out, Buffer.from('0\r\n\r\n')])
}

/** Cuts bytes into pieces of the given sizes in turn (so CRLFs, size lines and characters are split too). */
function cut(bytes: Buffer, sizes: number[]): Buffer[] {
  const pieces: Buffer[] = []
  for (let at = 0, i = 0; at < bytes.length; i++) {
    const size = sizes[i % sizes.length]!
    pieces.push(bytes.subarray(at, at + size))
    at += size
  }
  return pieces
}

describe('lean HTTP client on a loopback socket', () => {
  it('sends a GET with Host and keep-alive, and reuses the connection for the next one', async () => {
    const s = await serve((socket, request) => void socket.write(answerWith(200, `{"path":"${request.path}"}`)))
    for (let i = 0; i < 3; i++) expect(JSON.parse((await get(s, `/v1.41/info?i=${i}`)).body.toString())).toEqual({ path: `/v1.41/info?i=${i}` })
    expect(s.requests[0]!.head).toBe('GET /v1.41/info?i=0 HTTP/1.1\r\nHost: localhost\r\nConnection: keep-alive')
    expect(s.accepted()).toBe(1)
  })

  it('opens a new connection after an answer with Connection: close', async () => {
    const s = await serve((socket) => void socket.end(answerWith(200, '{}', { Connection: 'close' })))
    for (let i = 0; i < 3; i++) expect((await get(s)).statusCode).toBe(200)
    expect(s.requests.map((r) => r.onConnection)).toEqual([0, 0, 0])
    expect(s.accepted()).toBe(3)
  })

  it('reads an answer without length to the end of the connection', async () => {
    const s = await serve((socket) => void socket.end('HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n{"to":"close"}'))
    expect((await get(s)).body.toString()).toBe('{"to":"close"}')
    expect((await get(s)).body.toString()).toBe('{"to":"close"}')
    expect(s.accepted()).toBe(2)
  })

  it('retries once, on a new connection, a request whose kept-alive connection the server closed unanswered', async () => {
    // The second request on any connection finds it closed, as when the daemon drops an idle one.
    const s = await serve((socket, request) => {
      if (request.onConnection > 0) socket.destroy()
      else socket.write(answerWith(200, `{"n":${request.index}}`))
    })
    expect((await get(s)).body.toString()).toBe('{"n":0}')
    expect((await get(s)).body.toString()).toBe('{"n":2}')
    expect(s.requests.map((r) => [r.connection, r.onConnection])).toEqual([[0, 0], [0, 1], [1, 0]])
  })

  it('drops an idle connection the server closed, and sends the next request on a new one without a retry', async () => {
    const s = await serve((socket) => {
      socket.write(answerWith(200, '{}'))
      setImmediate(() => socket.end())
    })
    await get(s)
    await s.untilClosed(1)
    expect((await get(s)).statusCode).toBe(200)
    expect(s.requests.map((r) => [r.connection, r.onConnection])).toEqual([[0, 0], [1, 0]])
  })

  it('retries only once: a second failure is the answer', async () => {
    // The first request ever is answered; every other request kills its connection.
    const s = await serve((socket, request) => (request.index === 0 ? void socket.write(answerWith(200, '{}')) : void socket.destroy()))
    await get(s)
    const error = await get(s).catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'ECONNRESET' })
    expect(s.requests).toHaveLength(3)
    expect(s.accepted()).toBe(2)
  })

  it('does not retry a request on a new connection that fails: the error is the answer', async () => {
    const s = await serve((socket) => void socket.destroy())
    await expect(get(s)).rejects.toMatchObject({ code: 'ECONNRESET', message: 'socket hang up' })
    expect(s.requests).toHaveLength(1)
  })

  it('reads a chunked body split across many writes, size lines and CRLFs cut in two', async () => {
    const head = Buffer.from('HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n')
    const pieces = cut(Buffer.concat([head, chunked(BIG, 4096)]), [4097, 3, 1, 2000, 2])
    const s = await serve((socket) => writeApart(socket, pieces))
    expect(pieces.length).toBeGreaterThan(50)
    expect((await get(s)).body.toString()).toBe(BIG)
    // The connection is kept for the next request.
    expect((await get(s)).body.toString()).toBe(BIG)
    expect(s.accepted()).toBe(1)
  })

  it('reads a Content-Length body split across many writes', async () => {
    const pieces = cut(Buffer.from(answerWith(200, BIG)), [1, 2, 4093, 7, 10_000])
    const s = await serve((socket) => writeApart(socket, pieces))
    expect(pieces.length).toBeGreaterThan(20)
    expect(JSON.parse((await get(s)).body.toString())).toEqual(JSON.parse(BIG))
  })

  it('rejects a malformed status line with a clear error and closes the connection', async () => {
    const s = await serve((socket) => void socket.write('HTTP/1.1 OK\r\nContent-Length: 0\r\n\r\n'))
    await expect(get(s)).rejects.toThrow('malformed HTTP answer: bad status line "HTTP/1.1 OK"')
    await s.untilClosed(1)
  })

  it('rejects a bad chunk size and closes the connection', async () => {
    const s = await serve((socket) => void socket.write('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nnot-hex\r\n'))
    await expect(get(s)).rejects.toThrow('malformed HTTP answer: bad chunk size "not-hex"')
    await s.untilClosed(1)
  })

  it('refuses a body over 64 MiB and closes the connection', async () => {
    const s = await serve((socket) => void socket.write(`HTTP/1.1 200 OK\r\nContent-Length: ${64 * 1024 * 1024 + 1}\r\n\r\n{`))
    await expect(get(s)).rejects.toThrow(`malformed HTTP answer: the body is larger than ${64 * 1024 * 1024} bytes`)
    await s.untilClosed(1)
  })

  it('rejects an aborted request at once with AbortError and closes its connection; a new request opens another', async () => {
    let asked: () => void = () => {}
    const received = new Promise<void>((resolve) => (asked = resolve))
    const s = await serve((socket, request) => (request.index === 0 ? asked() : void socket.write(answerWith(200, '{}'))))
    const controller = new AbortController()
    const pending = get(s, '/never', controller.signal)
    await received
    controller.abort()
    await expect(pending).rejects.toMatchObject({ name: 'AbortError', code: 'ABORT_ERR' })
    await s.untilClosed(1)
    expect((await get(s)).statusCode).toBe(200)
    expect(s.accepted()).toBe(2)
  })

  it('rejects an already aborted signal without connecting', async () => {
    const s = await serve((socket) => void socket.write(answerWith(200, '{}')))
    await expect(get(s, '/x', AbortSignal.abort())).rejects.toMatchObject({ name: 'AbortError' })
    expect(s.accepted()).toBe(0)
  })

  it(`keeps at most ${MAX_CONNECTIONS} connections for 20 requests at once, one request in flight on each`, async () => {
    let inFlight = 0
    let maxInFlight = 0
    const s = await serve(async (socket) => {
      maxInFlight = Math.max(maxInFlight, ++inFlight)
      await new Promise((resolve) => setTimeout(resolve, 5))
      inFlight--
      socket.write(answerWith(200, '{}'))
    })
    const answers = await Promise.all(Array.from({ length: 20 }, () => get(s)))
    expect(answers.every((a) => a.statusCode === 200)).toBe(true)
    expect(s.accepted()).toBe(MAX_CONNECTIONS)
    expect(maxInFlight).toBe(MAX_CONNECTIONS)
    // No pipelining: never a second request on a connection before its answer.
    expect(s.requests.filter((r) => r.onConnection > 0)).toHaveLength(20 - MAX_CONNECTIONS)
  })
})

describe("a snapshot's engine reads over the lean client (lean-engine-reads.ts)", () => {
  /** A "daemon" answering every GET /info after a pause, so requests overlap. */
  const fakeDaemon = (options: { tcp?: boolean } = {}): Promise<ScriptedServer> =>
    serve(async (socket, request) => {
      await new Promise((resolve) => setTimeout(resolve, 5))
      if (request.path.includes('/containers/missing/json')) socket.write(answerWith(404, '{"message":"No such container: missing"}'))
      else socket.write(answerWith(200, '{"ServerVersion":"fake"}'))
    }, options)
  const noDockerode = (): Promise<never> => Promise.reject(new Error('dockerode is not to be loaded here'))

  it(`sends 20 concurrent GETs on at most ${MAX_CONNECTIONS} reused connections (dockerode's agent would open 20)`, async () => {
    const s = await fakeDaemon()
    const reads = new LeanEngineReads({ socketPath: s.socketPath }, noDockerode)
    const answers = await Promise.all(Array.from({ length: 20 }, () => reads.info({})))
    expect(answers).toEqual(Array.from({ length: 20 }, () => ({ ServerVersion: 'fake' })))
    expect(s.accepted()).toBe(MAX_CONNECTIONS)

    const { docker } = createDockerClient({ DOCKER_HOST: `unix://${s.socketPath}` })
    await Promise.all(Array.from({ length: 20 }, () => docker.info()))
    expect(s.accepted()).toBe(MAX_CONNECTIONS + 20)
  })

  it("words a daemon's error answer exactly as docker-modem does", async () => {
    const s = await fakeDaemon()
    const lean = await new LeanEngineReads({ socketPath: s.socketPath }, noDockerode).getContainer('missing').inspect({}).catch((e: unknown) => e)
    const modem = await createDockerClient({ DOCKER_HOST: `unix://${s.socketPath}` }).docker.getContainer('missing').inspect().catch((e: unknown) => e)
    expect(lean).toBeInstanceOf(Error)
    expect({ ...(lean as object), message: (lean as Error).message }).toEqual({ ...(modem as object), message: (modem as Error).message })
    expect(describeDockerError(lean, 'GET /containers/missing/json')).toBe('GET /containers/missing/json answered HTTP 404: No such container: missing')
  })

  it(`does the same over plain TCP (tcp://127.0.0.1:port), with the host and port in Host`, async () => {
    const s = await fakeDaemon({ tcp: true })
    const reads = new LeanEngineReads({ host: '127.0.0.1', port: s.port }, noDockerode)
    const answers = await Promise.all(Array.from({ length: 20 }, () => reads.info({})))
    expect(answers).toEqual(Array.from({ length: 20 }, () => ({ ServerVersion: 'fake' })))
    expect(s.accepted()).toBe(MAX_CONNECTIONS)
    expect(s.requests[0]!.head).toContain(`\r\nHost: 127.0.0.1:${s.port}\r\n`)
  })
})
