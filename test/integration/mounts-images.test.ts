// Mounts, images and changes on the real daemon (issue 15): the Docker socket and a writable host
// bind give their findings, a sized tmpfs shows its size, the kernel files Docker masks are checked
// against the real mount table; an image built here with several layers matches `docker history`,
// and a container that adds, changes and deletes files shows exactly those changes.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { execFileSync } from 'node:child_process'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ContainerInfo, HostSnapshot } from '../../shared/model'
import { findingsFor } from '../../shared/selectors/findings'
import { imageSummary } from '../../shared/selectors/image'
import { containerMounts } from '../../shared/selectors/mounts'
import { protectedPaths } from '../../shared/selectors/mounts-protection'
import { snapshotJson } from './support/cli'
import { docker, removeContainers, runContainer, TEST_IMAGE, TEST_LABEL, testRun } from './support/docker'

const tag = `gh-layers-${process.pid}:test`
const mountsName = `gh-mounts-${process.pid}`
const changesName = `gh-changes-${process.pid}`
const started: string[] = []
const hostDir = mkdtempSync(join(tmpdir(), 'gh-bind-'))
const buildDir = mkdtempSync(join(tmpdir(), 'gh-build-'))
let snapshot: HostSnapshot

function byName(name: string): ContainerInfo {
  const c = snapshot.containers.find((x) => x.name === name)
  if (!c) throw new Error(`${name} not in the snapshot`)
  return c
}

beforeAll(async () => {
  writeFileSync(
    join(buildDir, 'Dockerfile'),
    [
      `FROM ${TEST_IMAGE}`,
      'RUN mkdir -p /data && dd if=/dev/zero of=/data/a bs=1k count=100',
      'RUN dd if=/dev/zero of=/data/b bs=1k count=50',
      'ENV STAGE=test',
      'CMD ["sleep", "3600"]'
    ].join('\n') + '\n'
  )
  // The legacy builder works offline from a local image (this daemon has no buildx).
  execFileSync('docker', ['build', '-q', '-t', tag, '--label', `${TEST_LABEL}=${testRun()}`, buildDir], {
    env: { ...process.env, DOCKER_BUILDKIT: '0' },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  started.push(
    runContainer(mountsName, ['-v', '/var/run/docker.sock:/var/run/docker.sock', '-v', `${hostDir}:/data`, '--tmpfs', '/scratch:size=2m'])
  )
  started.push(docker('run', '-d', '--name', changesName, '--label', `${TEST_LABEL}=${testRun()}`, tag))
  docker('exec', changesName, 'sh', '-c', 'echo hi > /new.txt && echo x >> /data/a && rm /data/b')
  snapshot = await snapshotJson(['--changes'])
}, 120_000)

afterAll(() => {
  removeContainers(started)
  try {
    docker('rmi', '-f', tag)
  } catch {
    // Already gone.
  }
  rmSync(hostDir, { recursive: true, force: true })
  rmSync(buildDir, { recursive: true, force: true })
})

describe('mounts from mountinfo joined with the declared ones', () => {
  it('names the host path of each bind, its writability, and the tmpfs size from the kernel', () => {
    const { from, rows } = containerMounts(byName(mountsName))
    expect(from).toBe('kernel')
    const at = (point: string) => rows.find((r) => r.mountPoint === point)
    expect(at('/data')).toMatchObject({ kind: 'bind', hostPath: hostDir, readOnly: false })
    expect(at('/var/run/docker.sock')).toMatchObject({ kind: 'docker-socket', readOnly: false })
    expect(at('/scratch')).toMatchObject({ kind: 'tmpfs', sizeBytes: 2 * 1024 * 1024 })
  })

  it('finds the Docker socket and the writable host path', () => {
    const kinds = findingsFor(snapshot, byName(mountsName)).map((f) => [f.kind, f.severity])
    expect(kinds).toContainEqual(['docker-socket', 'high'])
    expect(kinds).toContainEqual(['host-path-writable', 'medium'])
    // The other container binds nothing from the host.
    expect(findingsFor(snapshot, byName(changesName)).map((f) => f.kind)).not.toContain('host-path-writable')
  })

  it('checks every masked and read-only path against the mount table; paths this kernel lacks are not there', () => {
    const paths = protectedPaths(byName(mountsName))
    expect(paths.map((p) => p.path)).toEqual(expect.arrayContaining(['/proc/kcore', '/proc/keys', '/proc/sys']))
    for (const p of paths) {
      // runc walls off every path the kernel has and skips the others: the table must say exactly that.
      expect([p.path, p.holds]).toEqual([p.path, existsSync(p.path) ? 'holds' : 'missing'])
    }
  })
})

describe('the image and the changes', () => {
  it('lists the build steps with the sizes docker history gives, and the RootFS layers', () => {
    const c = byName(changesName)
    const summary = imageSummary(c)
    const cli = docker('history', '--no-trunc', '--human=false', '--format', '{{.CreatedBy}}\t{{.Size}}', tag)
      .split('\n')
      .map((line) => line.split('\t'))
    expect(summary?.details.history.map((s) => [s.createdBy, String(s.sizeBytes)])).toEqual(cli)
    const inspect = JSON.parse(docker('image', 'inspect', tag))[0] as { Size: number; RootFS: { Layers: string[] }; Id: string }
    expect(summary?.details).toMatchObject({ id: inspect.Id, sizeBytes: inspect.Size, layers: inspect.RootFS.Layers, repoDigests: [] })
    expect(summary?.historyBytes).toBe(inspect.Size)
    // Three layers (the import and two RUN steps), each tied to the step that wrote it.
    expect(summary?.layersMatched).toBe(true)
    expect(summary?.steps.filter((s) => s.layer !== null).map((s) => s.instruction)).toEqual([
      'RUN dd if=/dev/zero of=/data/b bs=1k count=50',
      'RUN mkdir -p /data && dd if=/dev/zero of=/data/a bs=1k count=100',
      'Imported from -'
    ])
    expect(summary?.trust.verdict).toBe('local')
  })

  it('shows exactly what the container added, changed and deleted, with sizes from the upper directory', () => {
    const changes = byName(changesName).changes
    expect(changes?.problem).toBeNull()
    expect(changes?.changes).toEqual([
      { path: '/data', kind: 'modified', sizeBytes: null },
      { path: '/data/a', kind: 'modified', sizeBytes: 100 * 1024 + 2 },
      { path: '/data/b', kind: 'deleted', sizeBytes: null },
      { path: '/new.txt', kind: 'added', sizeBytes: 3 }
    ])
  })
})
