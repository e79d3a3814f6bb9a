// Docker CLI contexts, read from the CLI's own store as `docker context create/use` leave it
// (checked against docker CLI 28: test/engine/docker-context.test.ts creates real ones):
//   $DOCKER_CONFIG (else ~/.docker)/config.json              { "currentContext": "name" }
//   …/contexts/meta/<sha256 hex of the name>/meta.json       { Name, Metadata, Endpoints.docker.{Host, SkipTLSVerify} }
//   …/contexts/tls/<sha256 hex of the name>/docker/{ca,cert,key}.pem
// The context named "default" is not stored: it means "DOCKER_HOST, else the default socket".
import { existsSync, readFileSync } from 'node:fs'
import { homedir } from 'node:os'
import { join } from 'node:path'
import { DockerHostError } from './docker-host-error'

export const DEFAULT_CONTEXT = 'default'

export interface DockerContext {
  name: string
  /** The docker endpoint's address, as DOCKER_HOST would be written (unix://, tcp://, ssh://). */
  host: string
  skipTlsVerify: boolean
  /** Paths of the TLS files the context stores for its docker endpoint; absent files are left out. */
  tls: { ca?: string; cert?: string; key?: string }
}

/** A context that is named (by flag, DOCKER_CONTEXT or config.json) but cannot be used. */
export class DockerContextError extends DockerHostError {}

export function dockerConfigDir(env: NodeJS.ProcessEnv): string {
  return env.DOCKER_CONFIG || join(env.HOME || homedir(), '.docker')
}

/**
 * `currentContext` from config.json, or null. A missing or unparsable file means no context, as
 * the CLI treats it (it warns about a broken file and goes on with the default).
 */
export function currentContextName(configDir: string): string | null {
  let text: string
  try {
    text = readFileSync(join(configDir, 'config.json'), 'utf8')
  } catch {
    return null
  }
  try {
    const config: unknown = JSON.parse(text)
    const name = isRecord(config) ? config.currentContext : undefined
    return typeof name === 'string' && name.trim() !== '' ? name : null
  } catch {
    return null
  }
}

/** Where the CLI stores a context: directories named by the SHA-256 of the context's name. */
export function contextDirs(configDir: string, name: string): { meta: string; tls: string } {
  // node:crypto loaded here: only a named context needs it, and every command that asks Docker loads this module.
  const id = process.getBuiltinModule('node:crypto').createHash('sha256').update(name).digest('hex')
  return { meta: join(configDir, 'contexts', 'meta', id), tls: join(configDir, 'contexts', 'tls', id, 'docker') }
}

/** Throws DockerContextError when the context does not exist or has no usable docker endpoint. */
export function readContext(configDir: string, name: string): DockerContext {
  const dirs = contextDirs(configDir, name)
  const metaFile = join(dirs.meta, 'meta.json')
  let text: string
  try {
    text = readFileSync(metaFile, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      throw new DockerContextError(`docker context "${name}" does not exist (no ${metaFile}; see docker context ls)`)
    }
    throw new DockerContextError(`cannot read docker context "${name}" (${metaFile}: ${code ?? 'error'})`)
  }
  let meta: unknown
  try {
    meta = JSON.parse(text)
  } catch {
    throw new DockerContextError(`docker context "${name}" is damaged: ${metaFile} is not JSON`)
  }
  const endpoint = isRecord(meta) && isRecord(meta.Endpoints) ? meta.Endpoints.docker : undefined
  const host = isRecord(endpoint) ? endpoint.Host : undefined
  if (typeof host !== 'string' || host.trim() === '') {
    throw new DockerContextError(`docker context "${name}" has no docker endpoint (Endpoints.docker.Host in ${metaFile})`)
  }
  return {
    name,
    host: host.trim(),
    skipTlsVerify: isRecord(endpoint) && endpoint.SkipTLSVerify === true,
    tls: tlsFiles(dirs.tls)
  }
}

function tlsFiles(dir: string): DockerContext['tls'] {
  const files: DockerContext['tls'] = {}
  for (const name of ['ca', 'cert', 'key'] as const) {
    const file = join(dir, `${name}.pem`)
    // Read later with the client's other TLS files, where an unreadable one is reported.
    if (existsSync(file)) files[name] = file
  }
  return files
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
