// A daemon that accepts connections and never answers costs one deadline at start, not two: --probe
// auto asks GET /info once to decide where the kernel is read, and the session's first engine read
// takes that answer (here: its failure) instead of asking again. Counted on a socket that answers
// nothing (the real daemon cannot be made to hang).
import { createServer, type Server } from 'node:http'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createBackend } from '../../main/backend/create-backend'

const dir = mkdtempSync(join(tmpdir(), 'gh-hanging-daemon-'))
const socket = join(dir, 'docker.sock')
const asked: string[] = []
let server: Server

beforeAll(async () => {
  // Every request is heard and left without an answer.
  server = createServer((request) => asked.push(`${request.method} ${request.url?.replace(/^\/v[\d.]+/, '').split('?')[0]}`))
  await new Promise<void>((resolve) => server.listen(socket, resolve))
})

afterAll(async () => {
  server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
  rmSync(dir, { recursive: true, force: true })
})

describe('start against a hanging daemon', () => {
  it('asks GET /info once, and the first snapshot says the daemon did not answer', { timeout: 30_000 }, async () => {
    const warnings: string[] = []
    const backend = await createBackend({ env: { DOCKER_HOST: `unix://${socket}` }, carrier: 'serve', version: 'test', probe: 'auto', onWarning: (w) => warnings.push(w) })
    try {
      const snapshot = await backend.handlers['snapshot:get']()
      expect(snapshot.engine.reachable).toBe(false)
      expect(snapshot.engine.reachable === false && snapshot.engine.error).toMatch(/no answer to GET \/info within 5000 ms/)
      expect(snapshot.kernelReadBy?.reason).toMatch(/^the engine did not answer: no answer to GET \/info/)
      expect(asked.filter((r) => r === 'GET /info')).toHaveLength(1)
      // Nor is /version asked once /info went unanswered.
      expect(asked.filter((r) => r === 'GET /version')).toHaveLength(0)
    } finally {
      await backend.close()
    }
  })
})
