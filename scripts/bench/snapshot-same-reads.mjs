// The same reads as `glasshouse snapshot --json` on a cgroup v1 host, in a minimal Node script: what
// snapshot-floor.mjs reads (status, cgroup and the 8 namespace links of every process; limit files of
// every container), plus what the snapshot reads beyond it (/proc/<pid>/stat of every process; the
// rest of each container's cgroup files; the root's cpuset; one mountinfo per container) and the same
// Docker API requests (info, version, the list, each container's inspect, each image's inspect and
// history), on 4 keep-alive connections to the unix socket with the least parsing that still finds
// each body's end. No model, no output. Counted from `strace` of the built command (BENCHMARKS.md).
import { readdirSync, readFileSync, readlinkSync } from 'node:fs'
import net from 'node:net'

const NS = ['cgroup', 'ipc', 'mnt', 'net', 'pid', 'time', 'user', 'uts']
const CGROUP_FILES = [
  ['memory', 'memory.limit_in_bytes'], ['memory', 'memory.usage_in_bytes'], ['memory', 'memory.memsw.limit_in_bytes'],
  ['memory', 'memory.kmem.usage_in_bytes'], ['memory', 'memory.oom_control'], ['memory', 'memory.stat'],
  ['cpu', 'cpu.shares'], ['cpu', 'cpu.cfs_quota_us'], ['cpuacct', 'cpuacct.usage'],
  ['cpuset', 'cpuset.effective_cpus'], ['pids', 'pids.max'], ['pids', 'pids.current']
]
const SOCKET = process.env.DOCKER_SOCKET ?? '/var/run/docker.sock'

const pidOf = new Map()
for (const d of readdirSync('/proc')) {
  if (d < '0' || d > '9') continue
  try {
    readFileSync(`/proc/${d}/status`, 'utf8')
    readFileSync(`/proc/${d}/stat`, 'utf8')
    const cg = readFileSync(`/proc/${d}/cgroup`, 'utf8')
    for (const t of NS) { try { readlinkSync(`/proc/${d}/ns/${t}`) } catch { /* kernel without it */ } }
    const m = /docker\/([0-9a-f]{64})/.exec(cg)
    if (m && !pidOf.has(m[1])) pidOf.set(m[1], d)
  } catch { /* exited */ }
}
for (const [id, pid] of pidOf) {
  for (const [c, f] of CGROUP_FILES) readFileSync(`/sys/fs/cgroup/${c}/docker/${id}/${f}`, 'utf8')
  readFileSync('/sys/fs/cgroup/cpuset/cpuset.effective_cpus', 'utf8')
  try { readFileSync(`/proc/${pid}/mountinfo`, 'utf8') } catch { /* exited */ }
}

/** GETs `paths` on `connections` keep-alive sockets; calls `done` with the parsed bodies, in the paths' order. */
function getAll(paths, connections, done) {
  const bodies = []
  let next = 0
  let open = connections
  for (let i = 0; i < connections; i++) {
    const sock = net.connect(SOCKET)
    let buf = Buffer.alloc(0)
    let asked = -1
    const send = () => {
      if (next >= paths.length) { sock.end(); if (--open === 0) done(bodies); return }
      asked = next++
      sock.write(`GET ${paths[asked]} HTTP/1.1\r\nHost: docker\r\n\r\n`)
    }
    sock.on('data', (d) => {
      buf = buf.length ? Buffer.concat([buf, d]) : d
      const end = buf.indexOf('\r\n\r\n')
      if (end < 0) return
      const length = /content-length: *(\d+)/i.exec(buf.toString('latin1', 0, end))
      let body
      let pos = end + 4
      if (length) {
        if (buf.length < pos + Number(length[1])) return
        body = buf.subarray(pos, pos + Number(length[1]))
        pos += Number(length[1])
      } else {
        const parts = []
        for (;;) {
          const line = buf.indexOf('\r\n', pos)
          if (line < 0) return
          const size = parseInt(buf.toString('latin1', pos, line), 16)
          if (buf.length < line + 4 + size) return
          if (size === 0) { pos = line + 4; break }
          parts.push(buf.subarray(line + 2, line + 2 + size))
          pos = line + 4 + size
        }
        body = Buffer.concat(parts)
      }
      bodies[asked] = JSON.parse(body.toString('utf8'))
      buf = buf.subarray(pos)
      send()
    })
    send()
  }
}

getAll(['/info', '/version', '/containers/json?all=true'], 3, ([, , list]) => {
  getAll(list.map((c) => `/containers/${c.Id}/json`), 4, (inspects) => {
    const images = [...new Set(inspects.map((c) => c.Image))]
    getAll(images.flatMap((image) => [`/images/${image}/json`, `/images/${image}/history`]), 2, (answers) => {
      if (process.argv[2] === '-v') console.log(pidOf.size, 'containers read,', inspects.length, 'inspected,', answers.length, 'image answers')
    })
  })
})
