// A registry on loopback that serves one small image (Docker Registry HTTP API v2, schema 2 manifest):
// enough for the real daemon to pull it, so a pull's consent and progress are tested without any other
// address. 127.0.0.0/8 is an insecure registry to the daemon by default, so plain HTTP is accepted.
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'

export interface LoopbackRegistry {
  /** host:port/name:tag of the one image it serves. */
  image: string
  /** Every request it was asked, "METHOD path". */
  requests: string[]
  close(): Promise<void>
}

const sha256 = (data: Buffer | string): string => `sha256:${createHash('sha256').update(data).digest('hex')}`

export async function startLoopbackRegistry(name: string, tag: string): Promise<LoopbackRegistry> {
  const dir = mkdtempSync(join(tmpdir(), 'gh-registry-'))
  writeFileSync(join(dir, 'probe.txt'), 'a layer served from loopback\n')
  const tar = execFileSync('tar', ['cf', '-', '-C', dir, 'probe.txt'])
  rmSync(dir, { recursive: true, force: true })
  const layer = gzipSync(tar)
  const config = Buffer.from(JSON.stringify({ architecture: 'amd64', os: 'linux', config: {}, rootfs: { type: 'layers', diff_ids: [sha256(tar)] } }))
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
      config: { mediaType: 'application/vnd.docker.container.image.v1+json', size: config.length, digest: sha256(config) },
      layers: [{ mediaType: 'application/vnd.docker.image.rootfs.diff.tar.gzip', size: layer.length, digest: sha256(layer) }]
    })
  )
  const blobs = new Map([
    [sha256(config), config],
    [sha256(layer), layer]
  ])
  const requests: string[] = []
  const server: Server = createServer((request, response) => {
    const path = request.url ?? ''
    requests.push(`${request.method} ${path}`)
    const head = request.method === 'HEAD'
    response.setHeader('Docker-Distribution-API-Version', 'registry/2.0')
    if (path === '/v2/') return response.end('{}')
    if (path === `/v2/${name}/manifests/${tag}` || path === `/v2/${name}/manifests/${sha256(manifest)}`) {
      response.writeHead(200, {
        'Content-Type': 'application/vnd.docker.distribution.manifest.v2+json',
        'Docker-Content-Digest': sha256(manifest),
        'Content-Length': manifest.length
      })
      return response.end(head ? undefined : manifest)
    }
    const blob = blobs.get(path.replace(`/v2/${name}/blobs/`, ''))
    if (path.startsWith(`/v2/${name}/blobs/`) && blob) {
      response.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': blob.length })
      return response.end(head ? undefined : blob)
    }
    response.writeHead(404, { 'Content-Type': 'application/json' })
    response.end(JSON.stringify({ errors: [{ code: 'NOT_FOUND', message: 'not served here' }] }))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  return {
    image: `127.0.0.1:${port}/${name}:${tag}`,
    requests,
    close: async () => {
      server.closeAllConnections()
      await new Promise((resolve) => server.close(resolve))
    }
  }
}
