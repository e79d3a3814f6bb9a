// Copied from the team's ../shared/bench/floor.mjs unchanged but for these two lines, so a clone can run `npm run bench -- --only snapshot`.
/* eslint-disable no-empty -- kept as written: a process that exits mid-read is skipped */
// The floor for a snapshot in Node: read status, cgroup and the 8 ns links of every process, and the limit files
// of every container cgroup (v1), synchronously, and nothing else (no Docker API, no JSON output).
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
const NS = ['cgroup', 'ipc', 'mnt', 'net', 'pid', 'time', 'user', 'uts'];
let n = 0; const ids = new Set();
for (const d of readdirSync('/proc')) {
  if (d < '0' || d > '9') continue;
  try {
    readFileSync(`/proc/${d}/status`, 'utf8'); const cg = readFileSync(`/proc/${d}/cgroup`, 'utf8');
    for (const t of NS) { try { readlinkSync(`/proc/${d}/ns/${t}`); } catch {} }
    const m = /docker\/([0-9a-f]{64})/.exec(cg); if (m) ids.add(m[1]); n++;
  } catch {}
}
for (const id of ids) for (const [c, f] of [['memory', 'memory.limit_in_bytes'], ['memory', 'memory.usage_in_bytes'], ['cpu', 'cpu.cfs_quota_us'], ['cpu', 'cpu.cfs_period_us'], ['cpuset', 'cpuset.effective_cpus'], ['pids', 'pids.max'], ['pids', 'pids.current'], ['cpuacct', 'cpuacct.usage']]) readFileSync(`/sys/fs/cgroup/${c}/docker/${id}/${f}`, 'utf8');
if (process.argv[2] === '-v') console.log(n, 'processes', ids.size, 'containers');
