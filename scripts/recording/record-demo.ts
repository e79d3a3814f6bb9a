// Records the demo the app shows when no engine is reachable (assets/recordings/demo.ndjson):
// a varied set of containers on this host, some of them running into their limits, watched for a
// minute with `glasshouse watch --json`. Everything it starts carries a label and is removed at the
// end, also on failure or Ctrl-C; a swarm it initialised is left again.
//
//   npm run build && npx tsx scripts/recording/record-demo.ts [--seconds 60]
import { execFileSync, spawn } from 'node:child_process'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { buildTestImage, TEST_IMAGE } from '../../test/integration/support/docker'

const LABEL = 'glasshouse.recording'
const ROOT = resolve(__dirname, '../..')
const OUT_DIR = join(ROOT, 'assets', 'recordings')
const { values } = parseArgs({ options: { seconds: { type: 'string', default: '60' } } })
const seconds = Number(values.seconds)

const docker = (...args: string[]): string => execFileSync('docker', args, { encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] }).trim()
const run = (name: string, args: string[], command: string[]): string =>
  docker('run', '-d', '--name', `demo-${name}`, '--label', `${LABEL}=1`, ...args, TEST_IMAGE, ...command)

let startedSwarm = false

function startDemo(): void {
  buildTestImage()
  // A web server held to half a core: its busy loop is throttled in most CFS periods.
  run('web', ['--memory', '64m', '--cpus', '0.5', '--pids-limit', '50', '--cap-drop', 'NET_RAW'], ['sh', '-c', 'sleep 3600 & while :; do :; done'])
  // A sidecar in the web server's network namespace, as an unprivileged user with no capabilities.
  run('sidecar', ['--network', 'container:demo-web', '--user', '1000:1000', '--cap-drop', 'ALL'], ['sleep', '3600'])
  // A debugging container that sees every host process and has no seccomp filter.
  run('debug-tools', ['--pid', 'host', '--cap-add', 'SYS_PTRACE', '--security-opt', 'seccomp=unconfined'], ['sleep', '3600'])
  // A batch job in 32 MiB that keeps asking for 48 MiB: the kernel OOM-kills the dd every time.
  run('batch', ['--memory', '32m', '--memory-swap', '32m', '--cpuset-cpus', '0', '--read-only', '--security-opt', 'no-new-privileges'], [
    'sh', '-c', 'while :; do dd if=/dev/zero of=/dev/null bs=48M count=1 2>/dev/null; sleep 12; done'
  ])
  // A job with a pids limit of 8 that starts ten workers at a time: forks fail at the limit. Each
  // round runs in its own shell, so a failed fork ends the round, not the job; --init reaps orphans.
  run('forker', ['--init', '--pids-limit', '8'], [
    'sh', '-c', 'while :; do sh -c "for i in 1 2 3 4 5 6 7 8 9 10; do sleep 6 & done; wait" 2>/dev/null; sleep 4; done'
  ])
  // A container that made its own PID namespace inside: three-level PID chains.
  run('nested', ['--cap-add', 'SYS_ADMIN'], ['unshare', '-p', '-f', 'sh', '-c', 'sleep 3600 & exec sleep 3600'])
  // Network admin rights and the Docker socket mounted: two classic risks.
  run('netadmin', ['--cap-add', 'NET_ADMIN', '--cap-add', 'SYS_TIME', '-v', '/var/run/docker.sock:/var/run/docker.sock'], ['sleep', '3600'])
  // A finished job: listed, but with no processes and no cgroup.
  docker('run', '--name', 'demo-old-job', '--label', `${LABEL}=1`, TEST_IMAGE, 'true')
  startSecretService()
}

/** A swarm service with a Docker secret, mounted at /run/secrets/db_password in its task. */
function startSecretService(): void {
  const state = docker('info', '-f', '{{.Swarm.LocalNodeState}}')
  if (state !== 'active') {
    docker('swarm', 'init', '--advertise-addr', '127.0.0.1')
    startedSwarm = true
  }
  execFileSync('docker', ['secret', 'create', '--label', `${LABEL}=1`, 'demo_db_password', '-'], { input: 'not-a-real-password\n' })
  docker(
    'service', 'create', '--detach', '--name', 'demo-vault', '--label', `${LABEL}=1`, '--container-label', `${LABEL}=1`,
    '--secret', 'demo_db_password', '--restart-condition', 'none', TEST_IMAGE, 'sleep', '3600'
  )
  for (let i = 0; i < 100 && docker('ps', '-q', '--filter', 'label=com.docker.swarm.service.name=demo-vault') === ''; i++) {
    execFileSync('sleep', ['0.2'])
  }
}

function cleanUp(): void {
  const quiet = (...args: string[]): void => {
    try {
      docker(...args)
    } catch {
      // Already gone.
    }
  }
  quiet('service', 'rm', 'demo-vault')
  quiet('secret', 'rm', 'demo_db_password')
  const ids = docker('ps', '-aq', '--filter', `label=${LABEL}`).split('\n').filter(Boolean)
  if (ids.length) quiet('rm', '-f', ...ids)
  if (startedSwarm) {
    quiet('swarm', 'leave', '--force')
    // swarm init created this bridge; leaving the swarm does not remove it.
    quiet('network', 'rm', 'docker_gwbridge')
  }
}

async function record(): Promise<void> {
  mkdirSync(OUT_DIR, { recursive: true })
  const file = join(OUT_DIR, 'demo.ndjson')
  const lines: string[] = []
  const watch = spawn(process.execPath, [join(ROOT, 'bin/glasshouse.cjs'), 'watch', '--json', '--count', String(seconds)], {
    stdio: ['ignore', 'pipe', 'inherit']
  })
  let buffer = ''
  watch.stdout.setEncoding('utf8')
  watch.stdout.on('data', (chunk: string) => {
    buffer += chunk
    const complete = buffer.split('\n')
    buffer = complete.pop() ?? ''
    lines.push(...complete.filter(Boolean))
    process.stderr.write(`\r  ${lines.length} messages`)
  })
  const code = await new Promise<number | null>((r) => watch.on('exit', r))
  if (code !== 0) throw new Error(`glasshouse watch exited with ${code}`)
  writeFileSync(file, lines.join('\n') + '\n')
  const first = JSON.parse(lines[0] ?? '{}') as { snapshot?: { takenAt?: string; host?: { kernel?: string } } }
  const index = {
    recordings: [
      {
        name: 'demo',
        title: 'Classroom demo: nine containers, four limits biting',
        recordedAt: first.snapshot?.takenAt ?? new Date().toISOString(),
        description:
          `A minute on a Debian host (kernel ${first.snapshot?.host?.kernel ?? '?'}, cgroup v1) running web (throttled at half a core), ` +
          'sidecar (shares web’s network, no capabilities), debug-tools (host PID namespace, no seccomp), batch (OOM-killed again ' +
          'and again), forker (hits its pids limit), nested (a PID namespace inside), netadmin (NET_ADMIN and the Docker socket), ' +
          'a swarm service with a secret, and a finished job.'
      }
    ]
  }
  writeFileSync(join(OUT_DIR, 'index.json'), JSON.stringify(index, null, 2) + '\n')
  process.stderr.write(`\nWrote ${file} (${(readFileSync(file).length / 1024).toFixed(0)} KiB)\n`)
}

process.on('SIGINT', () => {
  cleanUp()
  process.exit(130)
})

async function main(): Promise<void> {
  try {
    cleanUp()
    startDemo()
    await new Promise((r) => setTimeout(r, 3000))
    await record()
  } finally {
    cleanUp()
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`recording failed: ${error instanceof Error ? error.message : String(error)}\n`)
  process.exitCode = 1
})
