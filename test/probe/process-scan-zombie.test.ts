// A zombie inside a container, captured on the v1 hybrid host: its v1 cgroup lines read "/" but the
// unified line keeps the container's path, which is what the scan must use.
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { scanProcesses } from '../../main/probe/process-scan'

const ROOT = join(__dirname, '../fixtures/proc/v1-zombie')
const CONTAINER = '/docker/ca43811ddbf8ad6d2cf0d88a8c9b1039ca8d1e9cf9cbe36911121826bebfbdc3'

describe('scanProcesses: a zombie in a container', () => {
  const scan = scanProcesses(ROOT)
  const zombie = scan.processes.find((p) => p.pid === 10529)
  const init = scan.processes.find((p) => p.pid === 10456)

  it('takes the zombie\'s cgroup from the unified line, not from the v1 lines that read "/"', () => {
    expect(zombie?.cgroups.find((m) => m.controllers.includes('memory'))?.path).toBe('/')
    expect(zombie).toMatchObject({ state: 'Z', ppid: 10456, nspid: [10529, 15], cgroupPath: CONTAINER })
    expect(init?.cgroupPath).toBe(CONTAINER)
  })

  it('keeps the pid namespace a zombie still shows: the same as its container init\'s', () => {
    expect(zombie?.namespaces.pid).toBe(4026532179)
    expect(zombie?.namespaces.pid).toBe(init?.namespaces.pid)
    expect(zombie?.namespaces.net).toBeNull()
  })
})
