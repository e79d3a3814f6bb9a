// The response parser of the lean HTTP client, fed bytes as a socket might split them.
import { describe, expect, it } from 'vitest'
import { MalformedResponseError, ResponseParser, type LeanResponse } from '../../main/engine/lean-http-response'

/** Feeds the pieces in order; the answer from the piece that completed it, and how many pieces that took. */
function feed(parser: ResponseParser, pieces: Array<string | Buffer>): { response: LeanResponse | null; at: number } {
  for (let i = 0; i < pieces.length; i++) {
    const piece = pieces[i]!
    const response = parser.push(typeof piece === 'string' ? Buffer.from(piece, 'latin1') : piece)
    if (response) return { response, at: i }
  }
  return { response: null, at: -1 }
}

/** Every byte on its own: the hardest split. */
function bytes(text: string): string[] {
  return [...text]
}

const CHUNKED = 'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n{"a":\r\n3;x=y\r\n12}\r\n0\r\nX-Trailer: 1\r\n\r\n'

describe('ResponseParser', () => {
  it('reads a Content-Length body, keeping the connection (HTTP/1.1 default)', () => {
    const parser = new ResponseParser()
    const { response } = feed(parser, ['HTTP/1.1 404 Not Found\r\nContent-Length: 11\r\nApi-Version: 1.41\r\n\r\nhello world'])
    expect(response).toMatchObject({ statusCode: 404, statusMessage: 'Not Found' })
    expect(response?.body.toString()).toBe('hello world')
    expect(response?.headers.get('api-version')).toBe('1.41')
    expect(parser.keepAlive).toBe(true)
    expect(parser.trailing).toBe(false)
  })

  it('reads a chunked body split into single bytes, with an extension and a trailer', () => {
    const parser = new ResponseParser()
    const pieces = bytes(CHUNKED)
    const { response, at } = feed(parser, pieces)
    expect(at).toBe(pieces.length - 1)
    expect(response?.body.toString()).toBe('{"a":12}')
    expect(response?.headers.get('content-type')).toBe('application/json')
  })

  it('reads a Content-Length body split into single bytes, completing on the last one', () => {
    const text = 'HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nabcde'
    const { response, at } = feed(new ResponseParser(), bytes(text))
    expect(at).toBe(text.length - 1)
    expect(response?.body.toString()).toBe('abcde')
  })

  it('keeps multi-byte UTF-8 split across pieces intact', () => {
    const body = Buffer.from('{"name":"café ☕"}')
    const head = Buffer.from(`HTTP/1.1 200 OK\r\nContent-Length: ${body.length}\r\n\r\n`)
    const all = Buffer.concat([head, body])
    const { response } = feed(new ResponseParser(), [all.subarray(0, head.length + 13), all.subarray(head.length + 13)])
    expect(JSON.parse(response!.body.toString())).toEqual({ name: 'café ☕' })
  })

  it('honours Connection: close, and HTTP/1.0 without keep-alive', () => {
    const closing = new ResponseParser()
    feed(closing, ['HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\n{}'])
    expect(closing.keepAlive).toBe(false)
    const old = new ResponseParser()
    feed(old, ['HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\n{}'])
    expect(old.keepAlive).toBe(false)
  })

  it('reads a body without length to the end of the connection, and never reuses that connection', () => {
    const parser = new ResponseParser()
    expect(feed(parser, ['HTTP/1.1 200 OK\r\n\r\nsome', ' more']).response).toBeNull()
    expect(parser.readsToClose).toBe(true)
    expect(parser.end().body.toString()).toBe('some more')
    expect(parser.keepAlive).toBe(false)
  })

  it('skips an interim 100 Continue and reads the final answer', () => {
    const { response } = feed(new ResponseParser(), ['HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok'])
    expect(response).toMatchObject({ statusCode: 200 })
  })

  it('answers 204 without a body', () => {
    const { response } = feed(new ResponseParser(), ['HTTP/1.1 204 No Content\r\n\r\n'])
    expect(response?.statusCode).toBe(204)
    expect(response?.body.length).toBe(0)
  })

  it('notes bytes after the answer (the connection cannot be trusted then)', () => {
    const parser = new ResponseParser()
    feed(parser, ['HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}HTTP/1.1'])
    expect(parser.trailing).toBe(true)
  })

  it.each([
    ['a bad status line', 'HTTP/1.1 2OO OK\r\n\r\n', /bad status line "HTTP\/1.1 2OO OK"/],
    ['not HTTP at all', 'SSH-2.0-OpenSSH_9.2\r\n\r\n', /bad status line/],
    ['a bad chunk size', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n', /bad chunk size "zz"/],
    ['a chunk without its CRLF', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabXY', /chunk does not end with CRLF/],
    ['a bad header line', 'HTTP/1.1 200 OK\r\nno colon here\r\n\r\n', /bad header line/],
    ['conflicting lengths', 'HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n', /bad Content-Length/],
    ['a negative length', 'HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n', /bad Content-Length/]
  ])('refuses %s', (_what, text, message) => {
    const parser = new ResponseParser()
    expect(() => feed(parser, [text])).toThrow(MalformedResponseError)
    expect(() => feed(new ResponseParser(), [text])).toThrow(message)
  })

  it('refuses a body over the limit, announced or chunked', () => {
    expect(() => feed(new ResponseParser(100), ['HTTP/1.1 200 OK\r\nContent-Length: 101\r\n\r\n'])).toThrow(/larger than 100 bytes/)
    const chunked = new ResponseParser(100)
    const chunk = `40\r\n${'x'.repeat(64)}\r\n`
    expect(() => feed(chunked, ['HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n', chunk, chunk])).toThrow(/larger than 100 bytes/)
    const toClose = new ResponseParser(100)
    expect(() => feed(toClose, ['HTTP/1.1 200 OK\r\n\r\n', 'x'.repeat(60), 'x'.repeat(60)])).toThrow(/larger than 100 bytes/)
  })

  it('refuses endless headers and an endless chunk-size line', () => {
    expect(() => feed(new ResponseParser(), ['HTTP/1.1 200 OK\r\n', `X-A: ${'a'.repeat(70_000)}`])).toThrow(/headers are too long/)
    expect(() => feed(new ResponseParser(), ['HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n', '0'.repeat(5000)])).toThrow(/chunk-size line is too long/)
  })

  it('says when the connection ended before the answer was complete', () => {
    const parser = new ResponseParser()
    feed(parser, ['HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc'])
    expect(() => parser.end()).toThrow(/closed in the middle of the answer/)
    expect(() => new ResponseParser().end()).toThrow(/closed before any answer/)
  })
})
