// The human-readable summary a user reads first.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { glasshouse } from './support/cli'
import { inspect, removeContainers, runContainer } from './support/docker'

const name = `gh-summary-${process.pid}`
const started: string[] = []
let pid: number

beforeAll(() => {
  started.push(runContainer(name, ['--cap-drop', 'NET_RAW', '--cap-add', 'SYS_ADMIN', '--memory', '64m', '--pids-limit', '20']))
  pid = inspect(name).State.Pid
})
afterAll(() => removeContainers(started))

describe('glasshouse snapshot (text)', () => {
  it('shows the container with host PID → namespace PID, capabilities against the default, and limits', async () => {
    const { stdout } = await glasshouse(['snapshot'])
    const block = stdout.split('\n\n').find((b) => b.includes(name))
    expect(block).toBeDefined()
    expect(block).toContain(`host ${pid} → 1 in its PID namespace`)
    expect(block).toContain('+CAP_SYS_ADMIN')
    expect(block).toContain('−CAP_NET_RAW')
    expect(block).toMatch(/memory .* used \/ 64 MiB limit/)
    expect(block).toMatch(/pids 1 \/ 20/)
    expect(block).toContain('seccomp')
  })

  it('rejects unknown options with usage and exit code 2', async () => {
    await expect(glasshouse(['snapshot', '--bogus'])).rejects.toMatchObject({ code: 2 })
    await expect(glasshouse(['frobnicate'])).rejects.toMatchObject({ code: 2 })
  })

  it('rejects a --proc-root that does not exist', async () => {
    await expect(glasshouse(['snapshot', '--proc-root', '/nonexistent/proc'])).rejects.toMatchObject({ code: 2 })
  })
})
