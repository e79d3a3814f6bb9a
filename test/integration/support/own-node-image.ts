// An image that brings its own Node, built here without a registry: `docker import` of a tar holding
// this host's node executable and the libraries ldd names for it, at their paths. It stands in for
// the official Node image (a daemon on another kernel) and makes the helper take the no-bind delivery
// (the probe on stdin). Kept between runs under a tag naming the Node version; labelled as a test image.
import { execFileSync } from 'node:child_process'
import { parseLdd } from '../../../main/kernel/helper-binds'
import { TEST_LABEL } from './docker'

export const OWN_NODE_IMAGE = `glasshouse-test:own-node-${process.version}`

/** Imports the image into the daemon at `host` (default: the shared one) unless it has it; returns its tag. */
export function ensureOwnNodeImage(host?: string): string {
  const hostArgs = host ? ['-H', host] : []
  try {
    execFileSync('docker', [...hostArgs, 'image', 'inspect', OWN_NODE_IMAGE], { stdio: 'ignore' })
    return OWN_NODE_IMAGE
  } catch {
    // Not there yet: imported below.
  }
  const files = [process.execPath, ...parseLdd(execFileSync('ldd', [process.execPath], { encoding: 'utf8' }))].map((path) => path.slice(1))
  // tar -h stores each file's content at the path asked for (ld-linux's path is a symlink on Debian).
  const script = `tar -C / -chf - "$@" | docker ${hostArgs.join(' ')} import -c 'LABEL ${TEST_LABEL}=own-node' -c 'ENV PATH=/usr/local/bin:/usr/bin:/bin' - ${OWN_NODE_IMAGE}`
  execFileSync('sh', ['-c', script, 'sh', ...files], { stdio: ['ignore', 'ignore', 'pipe'] })
  return OWN_NODE_IMAGE
}
