// The daemon's pull progress messages (the shape POST /images/create streams: a status per layer event,
// byte counts while downloading, an `error` that ends it) become a few lines a person can follow.
import { describe, expect, it } from 'vitest'
import { PullProgress, type PullMessage } from '../../main/kernel/pull-progress'

const MB = 1e6

describe('pull progress', () => {
  it('says the repository, bytes in 10 % steps across layers, each finished layer, and the daemon\'s last words', () => {
    const progress = new PullProgress()
    const messages: PullMessage[] = [
      { status: 'Pulling from library/node', id: '22-alpine' },
      { status: 'Pulling fs layer', progressDetail: {}, id: 'a1' },
      { status: 'Pulling fs layer', progressDetail: {}, id: 'b2' },
      { status: 'Already exists', progressDetail: {}, id: 'c3' },
      { status: 'Waiting', progressDetail: {}, id: 'b2' },
      { status: 'Downloading', progressDetail: { current: 1 * MB, total: 40 * MB }, id: 'a1' },
      { status: 'Downloading', progressDetail: { current: 1 * MB, total: 10 * MB }, id: 'b2' },
      { status: 'Downloading', progressDetail: { current: 2 * MB, total: 40 * MB }, id: 'a1' },
      { status: 'Downloading', progressDetail: { current: 26 * MB, total: 40 * MB }, id: 'a1' },
      { status: 'Verifying Checksum', progressDetail: {}, id: 'b2' },
      { status: 'Download complete', progressDetail: {}, id: 'b2' },
      { status: 'Extracting', progressDetail: { current: 5 * MB, total: 10 * MB }, id: 'b2' },
      { status: 'Pull complete', progressDetail: {}, id: 'b2' },
      { status: 'Pull complete', progressDetail: {}, id: 'a1' },
      { status: 'Digest: sha256:8094c002d08262dba12645a3b4a15cd6cd627d30bc782f53229a2ec13ee22a00' },
      { status: 'Status: Downloaded newer image for node:22-alpine' }
    ]
    expect(messages.flatMap((m) => progress.offer(m))).toEqual([
      'Pulling from library/node',
      'layer c3 already here (1 of 3)',
      'downloaded 1.0 of 40.0 MB so far (0 %)',
      'downloaded 27.0 of 50.0 MB so far (50 %)',
      'layer b2 done (2 of 3)',
      'layer a1 done (3 of 3)',
      'Digest: sha256:8094c002d08262dba12645a3b4a15cd6cd627d30bc782f53229a2ec13ee22a00',
      'Status: Downloaded newer image for node:22-alpine'
    ])
  })

  it('ends with the daemon\'s error message', () => {
    const progress = new PullProgress()
    expect(() => progress.offer({ errorDetail: { message: 'pull access denied for nosuch, repository does not exist' }, error: 'pull access denied' })).toThrow(
      'pull access denied for nosuch, repository does not exist'
    )
  })
})
