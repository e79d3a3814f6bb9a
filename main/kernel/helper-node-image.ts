// The helper's image for a daemon on another kernel (Docker Desktop's VM, a remote host), case (c) of
// issue 10: the official Node image, pinned by digest so what runs with SYS_PTRACE next to the user's
// containers is exactly this image. It is pulled only with the user's consent (helper-image-pull.ts).
//
// To update: `docker buildx imagetools inspect node:22-alpine` (or `docker pull node:22-alpine` then
// `docker inspect --format '{{index .RepoDigests 0}}' node:22-alpine`) and copy the index digest (the
// one for every platform, not a per-architecture manifest) below, with the Node version it holds.
// The digest below was taken from public Dockerfiles pinning node:22-alpine; it could not be checked
// against Docker Hub from the machine this was written on (no registry reachable there).
export const PINNED_NODE_IMAGE = 'node:22-alpine@sha256:8094c002d08262dba12645a3b4a15cd6cd627d30bc782f53229a2ec13ee22a00'

/** The digest part of a pinned reference, for messages ("sha256:…"), or null. */
export function imageDigest(image: string): string | null {
  return /@(sha256:[0-9a-f]{64})$/.exec(image)?.[1] ?? null
}
