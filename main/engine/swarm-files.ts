// What only the node's own files say about its swarm security: the node certificate's validity
// (<Docker root>/swarm/certificates/swarm-node.crt; docker info shows only the configured
// "Expiry Duration") and whether the raft log is encrypted at rest (swarmkit names its directories
// wal-v3-encrypted and snap-v3-encrypted). Read only when the certificate names this node, so a
// remote engine's node is never judged by this machine's files. The private key is never opened.
import type { X509Certificate } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { SwarmPosture } from '../../shared/model'

export interface SwarmFiles {
  nodeCert: SwarmPosture['nodeCert']
  certProblem: string | null
  raftEncrypted: boolean | null
  raftEvidence: string
  rootCaNotAfter: (trustRootPem: string) => string | null
}

export function readSwarmFiles(dockerRootDir: string, nodeId: string): SwarmFiles {
  const path = join(dockerRootDir, 'swarm', 'certificates', 'swarm-node.crt')
  const base = { rootCaNotAfter: caNotAfter }
  let cert: X509Certificate
  try {
    cert = new (x509())(readFileSync(path))
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    const why = code === 'EACCES' ? 'not readable by this user' : code === 'ENOENT' ? 'not on this machine (the daemon runs elsewhere?)' : (error as Error).message
    return { ...base, nodeCert: null, certProblem: `${path}: ${why}`, raftEncrypted: null, raftEvidence: 'the node\'s files could not be read' }
  }
  // The subject is O=<cluster id>, OU=swarm-manager|swarm-worker, CN=<node id>.
  if (!new RegExp(`(^|\\n)CN=${nodeId}(\\n|$)`).test(cert.subject)) {
    return { ...base, nodeCert: null, certProblem: `${path} belongs to another node (${oneLine(cert.subject)}): the daemon runs elsewhere`, raftEncrypted: null, raftEvidence: 'the node\'s files are not on this machine' }
  }
  return {
    ...base,
    nodeCert: { notBefore: isoDate(cert.validFrom), notAfter: isoDate(cert.validTo), subject: oneLine(cert.subject), issuer: oneLine(cert.issuer), path },
    certProblem: null,
    ...raftDirectories(join(dockerRootDir, 'swarm', 'raft'))
  }
}

function raftDirectories(dir: string): Pick<SwarmFiles, 'raftEncrypted' | 'raftEvidence'> {
  try {
    const names = readdirSync(dir).filter((n) => n.startsWith('wal') || n.startsWith('snap'))
    if (names.length === 0) return { raftEncrypted: null, raftEvidence: `${dir} holds no raft log` }
    const encrypted = names.every((n) => n.endsWith('-encrypted'))
    return { raftEncrypted: encrypted, raftEvidence: `${dir}: ${names.sort().join(', ')}` }
  } catch (error) {
    return { raftEncrypted: null, raftEvidence: `${dir}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` }
  }
}

/** node:crypto, loaded only in a swarm: every engine read loads this module, few hosts are in one. */
function x509(): typeof X509Certificate {
  return process.getBuiltinModule('node:crypto').X509Certificate
}

function caNotAfter(pem: string): string | null {
  if (!pem) return null
  try {
    return isoDate(new (x509())(pem).validTo)
  } catch {
    return null
  }
}

/** OpenSSL's "Mar  7 06:50:00 2027 GMT" as ISO 8601. */
function isoDate(openssl: string): string {
  const ms = Date.parse(openssl)
  return Number.isFinite(ms) ? new Date(ms).toISOString() : openssl
}

function oneLine(name: string): string {
  return name.split('\n').join(', ')
}
