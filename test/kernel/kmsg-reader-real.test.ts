// The reader on this host's real /dev/kmsg: as root it reads; as nobody (kernel.dmesg_restrict is 1
// here, so opening needs CAP_SYSLOG) the kernel refuses with EPERM and the reader says so plainly.
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import type { Problem } from '../../shared/model'
import { KmsgReader } from '../../main/kernel/kmsg-reader'
import { TSX_CLI } from '../probe/support/paths'

const PRINT_KMSG = fileURLToPath(new URL('./support/print-kmsg.ts', import.meta.url))
const asRoot = process.getuid?.() === 0

describe('KmsgReader on the real kernel log', () => {
  it.runIf(asRoot)('as root: reads to the end without a problem, then continues where it stopped', () => {
    const reader = new KmsgReader()
    try {
      expect(reader.read().problem).toBeNull()
      // A record written now is the next one read; it is not an OOM kill, so nothing new.
      expect(reader.read().fresh).toEqual([])
    } finally {
      reader.close()
    }
  })

  it.runIf(asRoot && readFileSync('/proc/sys/kernel/dmesg_restrict', 'utf8').trim() === '1')(
    'as nobody: EPERM, and the plain sentence of what is shown instead',
    () => {
      const run = spawnSync(process.execPath, [TSX_CLI, PRINT_KMSG], { uid: 65534, gid: 65534, encoding: 'utf8', timeout: 30_000 })
      expect(run.stderr).toBe('')
      const { uid, kills, problem } = JSON.parse(run.stdout) as { uid: number; kills: number; problem: Problem | null }
      expect(uid).toBe(65534)
      expect(kills).toBe(0)
      expect(problem).toEqual({
        field: 'oomKills',
        reason: 'denied',
        message:
          "/dev/kmsg is readable only by root (or CAP_SYSLOG while kernel.dmesg_restrict is 1): EPERM. Which process the OOM killer chose is unknown; only the cgroup's OOM kill counter is shown."
      })
    }
  )
})
