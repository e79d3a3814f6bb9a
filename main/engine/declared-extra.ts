// Inspect fields beside DeclaredConfig that the mounts, image and swarm pages need: the paths Docker
// masks, environment variable names (never values), and how the image was named.
import type Docker from 'dockerode'
import type { DeclaredExtra } from '../../shared/model'

/** Inspect fields @types/dockerode 4 does not declare. */
type Inspect = Docker.ContainerInspectInfo & {
  HostConfig?: { MaskedPaths?: unknown; ReadonlyPaths?: unknown }
}

export function declaredExtraFromInspect(info: Inspect): DeclaredExtra {
  const propagation: Record<string, string> = {}
  for (const m of info.Mounts ?? []) {
    if (typeof m.Destination === 'string' && typeof m.Propagation === 'string' && m.Propagation !== '') propagation[m.Destination] = m.Propagation
  }
  return {
    maskedPaths: stringList(info.HostConfig?.MaskedPaths),
    readonlyPaths: stringList(info.HostConfig?.ReadonlyPaths),
    // Names only: a value may be a password, and nothing secret leaves the daemon through Glasshouse.
    envNames: stringList(info.Config?.Env).map((e) => e.split('=', 1)[0] ?? '').filter((n) => n !== ''),
    imageRef: typeof info.Config?.Image === 'string' ? info.Config.Image : '',
    imageId: typeof info.Image === 'string' ? info.Image : '',
    propagation
  }
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []
}
