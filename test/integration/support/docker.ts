// Helpers for tests that start real containers with the docker CLI, the way users do.
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Docker from 'dockerode'

export const TEST_IMAGE = 'glasshouse-test:busybox'
/**
 * Every container a test starts carries this label. Its value names the test run, so a run
 * removes its own containers and never those of another run going on at the same time.
 */
export const TEST_LABEL = 'glasshouse.test'

/** Set by the global setup before the test workers start; read lazily for that reason. */
export function testRun(): string {
  return process.env.GLASSHOUSE_TEST_RUN ?? `adhoc-${process.pid}`
}

export function testLabels(): Record<string, string> {
  return { [TEST_LABEL]: testRun() }
}

const BUSYBOX_CANDIDATES = ['/bin/busybox', '/usr/bin/busybox']
const APPLETS = ['sh', 'sleep', 'cat', 'ls', 'ps', 'unshare', 'mkdir', 'yes', 'dd', 'id', 'nproc', 'true', 'head']

export function docker(...args: string[]): string {
  return execFileSync('docker', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim()
}

export async function daemonAnswers(): Promise<boolean> {
  try {
    await new Docker().listContainers({ limit: 1, abortSignal: AbortSignal.timeout(2000) })
    return true
  } catch {
    return false
  }
}

/** Names what the test image was built from; an image that carries the same value is not imported again. */
const IMAGE_CONTENT_LABEL = 'glasshouse.test.image'

/**
 * A static busybox imported as an image: no registry is needed. Imported only when the tag is missing or was
 * built from another busybox or applet list, and the image it replaces is removed (unless a container still
 * uses it): an import per run left one dangling image per run behind (hundreds on a busy host).
 */
export function buildTestImage(): void {
  const busybox = BUSYBOX_CANDIDATES.find((p) => existsSync(p))
  if (!busybox) throw new Error('busybox not found; install busybox-static (apt-get install -y busybox-static)')
  const content = createHash('sha256').update(readFileSync(busybox)).update(APPLETS.join(' ')).digest('hex').slice(0, 16)
  const previous = imageLabelled(TEST_IMAGE, IMAGE_CONTENT_LABEL)
  if (previous?.value === content) return
  const root = mkdtempSync(join(tmpdir(), 'glasshouse-image-'))
  try {
    mkdirSync(join(root, 'bin'))
    mkdirSync(join(root, 'tmp'))
    copyFileSync(busybox, join(root, 'bin', 'busybox'))
    for (const applet of APPLETS) symlinkSync('busybox', join(root, 'bin', applet))
    const changes = `-c 'ENV PATH=/bin' -c 'LABEL ${IMAGE_CONTENT_LABEL}=${content}'`
    execFileSync('sh', ['-c', `tar -C '${root}' -c . | docker import ${changes} - ${TEST_IMAGE}`], {
      stdio: ['ignore', 'ignore', 'pipe']
    })
  } finally {
    rmSync(root, { recursive: true, force: true })
  }
  if (previous) {
    try {
      docker('image', 'rm', previous.id)
    } catch {
      // Still used by a container (another run's, perhaps): it stays, untagged, until that one is gone.
    }
  }
}

/** The image's id and the value of one label; null when there is no such image. */
function imageLabelled(image: string, label: string): { id: string; value: string } | null {
  try {
    const [id = '', value = ''] = docker('image', 'inspect', '-f', `{{.Id}} {{index .Config.Labels "${label}"}}`, image).split(' ')
    return { id, value }
  } catch {
    return null
  }
}

/** `docker run -d` with the test label; returns the 64-hex id. */
export function runContainer(name: string, args: string[], command: string[] = ['sleep', '3600']): string {
  return docker('run', '-d', '--name', name, '--label', `${TEST_LABEL}=${testRun()}`, ...args, TEST_IMAGE, ...command)
}

/** Removes the copies `observe --verify` started of this run's containers (labelled glasshouse.observe.verify). */
export function removeVerifyCopies(): void {
  removeContainers(docker('ps', '-aq', '--filter', `label=${TEST_LABEL}=${testRun()}`, '--filter', 'label=glasshouse.observe.verify').split('\n').filter(Boolean))
}

/** Removes this run's containers. */
export function removeLabelledContainers(): void {
  const ids = docker('ps', '-aq', '--filter', `label=${TEST_LABEL}=${testRun()}`).split('\n').filter(Boolean)
  if (ids.length > 0) docker('rm', '-f', ...ids)
}

const STALE_MS = 60 * 60_000

/** Removes test containers left by runs that crashed more than an hour ago. */
export function removeStaleTestContainers(): void {
  const lines = docker('ps', '-a', '--filter', `label=${TEST_LABEL}`, '--format', '{{.ID}} {{.CreatedAt}}').split('\n').filter(Boolean)
  const stale = lines
    .map((line) => {
      const [id, ...created] = line.split(' ')
      // "2026-11-28 17:01:02 +0000 UTC": the first three fields parse as a date.
      return { id: id ?? '', createdMs: Date.parse(created.slice(0, 3).join(' ').replace(' +0000', 'Z')) }
    })
    .filter((c) => Number.isFinite(c.createdMs) && Date.now() - c.createdMs > STALE_MS)
  if (stale.length > 0) docker('rm', '-f', ...stale.map((c) => c.id))
}

export function removeContainers(ids: readonly string[]): void {
  if (ids.length > 0) {
    try {
      docker('rm', '-f', ...ids)
    } catch {
      // Already gone: nothing to clean.
    }
  }
}

export function inspect(id: string): Docker.ContainerInspectInfo {
  return JSON.parse(docker('inspect', id))[0] as Docker.ContainerInspectInfo
}
