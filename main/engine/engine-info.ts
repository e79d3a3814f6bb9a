// The daemon's answer to GET /info, asked once per start: `--probe auto` needs it to decide where the
// kernel is read, and the first engine read needs it again. A daemon that accepts and never answers
// then costs one deadline, not two (the first read takes this answer, failure included).
import type { EngineReads } from './engine-reads'
import { describeDockerError } from './docker-errors'

export type InfoAnswer = { ok: true; info: unknown } | { ok: false; error: string }

export async function askInfo(docker: EngineReads, timeoutMs: number): Promise<InfoAnswer> {
  const signal = AbortSignal.timeout(timeoutMs)
  try {
    return { ok: true, info: await docker.info({ abortSignal: signal }) }
  } catch (error) {
    return { ok: false, error: signal.aborted ? `no answer to GET /info within ${timeoutMs} ms` : describeDockerError(error, 'GET /info') }
  }
}
