// A helper image the daemon lacks, pulled by the real daemon from a registry on loopback: without
// consent the registry is not even asked; with it the pull runs and its progress is said line by line.
import Docker from 'dockerode'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ensurePulled, HelperImageConsentError } from '../../main/kernel/helper-image-pull'
import { startLoopbackRegistry, type LoopbackRegistry } from './support/loopback-registry'

const docker = new Docker()
let registry: LoopbackRegistry

beforeAll(async () => {
  registry = await startLoopbackRegistry('glasshouse-test/helper-pull', `t${process.pid}`)
})

afterAll(async () => {
  await docker.getImage(registry.image).remove({ force: true }).catch(() => undefined)
  await registry.close()
})

describe('pulling the helper image', () => {
  it('without consent: refused before the registry is asked', async () => {
    await expect(ensurePulled(docker, registry.image, { allowed: false })).rejects.toBeInstanceOf(HelperImageConsentError)
    expect(registry.requests).toEqual([])
  })

  it('with consent: the daemon pulls it and every step is said', async () => {
    const progress: string[] = []
    await ensurePulled(docker, registry.image, { allowed: true, onProgress: (line) => progress.push(line) })
    expect(progress[0]).toBe(`pulling the helper image ${registry.image}`)
    expect(progress).toContain(`Pulling from glasshouse-test/helper-pull`)
    expect(progress.some((l) => /^layer [0-9a-f]{12} done \(1 of 1\)$/.test(l))).toBe(true)
    expect(progress.some((l) => /^Digest: sha256:[0-9a-f]{64}$/.test(l))).toBe(true)
    expect(progress.at(-1)).toBe(`Status: Downloaded newer image for ${registry.image}`)
    expect(registry.requests.some((r) => r.startsWith('GET /v2/glasshouse-test/helper-pull/blobs/'))).toBe(true)
    // Present now: a second call asks nothing more.
    const asked = registry.requests.length
    await ensurePulled(docker, registry.image, { allowed: false })
    expect(registry.requests.length).toBe(asked)
  })
})
