// A small /proc tree for the kernel-side tests: kthreadd and one container init from the captured
// v1 host, the init placed in the cgroup of a cgroup fixture (its proc-cgroup.txt), with a mountinfo
// and uid/gid maps so every part of a kernel report has something to read.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { cgroupRootOf } from '../probe/cgroup-fixture'
import { V1_HOST } from '../probe/support/paths'

export const CONTAINER_INIT = 8495 // a default container's init in the captured v1 tree
export const KTHREADD = 2

const MOUNTINFO = [
  '600 500 0:50 / / rw,relatime master:1 - overlay overlay rw,lowerdir=/l,upperdir=/u,workdir=/w',
  '601 600 0:52 / /proc rw,nosuid,nodev,noexec,relatime - proc proc rw',
  '602 600 8:1 /var/lib/docker/containers/x/hosts /etc/hosts rw,relatime - ext4 /dev/sda1 rw'
].join('\n')
const FULL_MAP = '         0          0 4294967295\n'

/** Makes the tree; `remove()` deletes it. */
export function procTreeFor(fixture: string): { root: string; remove: () => void } {
  const root = mkdtempSync(join(tmpdir(), 'glasshouse-proc-'))
  for (const file of ['stat', 'meminfo']) copyFileSync(join(V1_HOST, file), join(root, file))
  mkdirSync(join(root, 'sys/kernel'), { recursive: true })
  for (const file of ['hostname', 'osrelease', 'cap_last_cap']) copyFileSync(join(V1_HOST, 'sys/kernel', file), join(root, 'sys/kernel', file))
  const cgroupLine = readFileSync(join(cgroupRootOf(fixture), '../../../proc-cgroup.txt'), 'utf8')
  for (const pid of [KTHREADD, CONTAINER_INIT]) {
    const dir = join(root, String(pid))
    mkdirSync(join(dir, 'ns'), { recursive: true })
    for (const file of ['status', 'stat']) copyFileSync(join(V1_HOST, String(pid), file), join(dir, file))
    writeFileSync(join(dir, 'cgroup'), pid === KTHREADD ? '0::/\n' : cgroupLine)
    for (const type of ['cgroup', 'ipc', 'mnt', 'net', 'pid', 'time', 'user', 'uts']) {
      symlinkSync(readlinkSync(join(V1_HOST, String(pid), 'ns', type)), join(dir, 'ns', type))
    }
    for (const kind of ['uid_map', 'gid_map']) writeFileSync(join(dir, kind), FULL_MAP)
  }
  writeFileSync(join(root, String(CONTAINER_INIT), 'mountinfo'), MOUNTINFO + '\n')
  return { root, remove: () => rmSync(root, { recursive: true, force: true }) }
}
