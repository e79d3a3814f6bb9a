// The image every demo runs: the host's static busybox with all its applets, imported as one layer
// (`docker import`), so no registry is needed. Built on first use, saying so while it happens.
import type Docker from 'dockerode'
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { Readable } from 'node:stream'
import { DEMO_IMAGE, DEMO_IMAGE_REPO } from '../../shared/demos/docker-command'
import { tarArchive, type TarEntry } from './tar-writer'

export const DEMO_IMAGE_LABEL = 'glasshouse.demo-image'
const BUSYBOX_CANDIDATES = ['/bin/busybox', '/usr/bin/busybox']

/** Whether the image exists; builds it when not. Returns a sentence when it was built, else null. */
export async function ensureDemoImage(docker: Docker, say: (note: string) => void = () => undefined): Promise<string | null> {
  try {
    await docker.getImage(DEMO_IMAGE).inspect()
    return null
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode !== 404) throw error
  }
  const busybox = BUSYBOX_CANDIDATES.find((path) => existsSync(path))
  if (!busybox) throw new Error(`the demo image ${DEMO_IMAGE} is missing and no busybox was found to build it: install busybox-static`)
  say(`Building the demo image ${DEMO_IMAGE} from ${busybox} (docker import, no registry)…`)
  const stream = (await docker.importImage(Readable.from([busyboxRoot(busybox)]), {
    repo: DEMO_IMAGE_REPO,
    tag: 'busybox',
    changes: ['ENV PATH=/bin', `LABEL ${DEMO_IMAGE_LABEL}=1`]
  } as never)) as unknown as NodeJS.ReadableStream
  await new Promise<void>((resolve, reject) => {
    docker.modem.followProgress(stream, (error: Error | null, output: Array<{ error?: string }>) => {
      const failed = error?.message ?? output.find((o) => o.error)?.error
      if (failed) reject(new Error(`could not build the demo image ${DEMO_IMAGE}: ${failed}`))
      else resolve()
    })
  })
  const note = `Built the demo image ${DEMO_IMAGE} from ${busybox}.`
  say(note)
  return note
}

/** / with /bin/busybox and a symlink per applet, /tmp world-writable. */
function busyboxRoot(busybox: string): Buffer {
  const applets = execFileSync(busybox, ['--list'], { encoding: 'utf8' })
    .split('\n')
    .filter((name) => /^[a-z0-9_.[-]+$/.test(name) && name !== 'busybox')
  const entries: TarEntry[] = [
    { type: 'dir', path: 'bin', mode: 0o755 },
    { type: 'dir', path: 'tmp', mode: 0o1777 },
    { type: 'file', path: 'bin/busybox', mode: 0o755, data: readFileSync(busybox) },
    ...applets.map((name): TarEntry => ({ type: 'symlink', path: `bin/${name}`, target: 'busybox' }))
  ]
  return tarArchive(entries)
}
