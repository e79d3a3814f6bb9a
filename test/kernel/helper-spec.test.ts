// The helper's settings said twice, to dockerode and as a docker run command: both say the same.
import Docker from 'dockerode'
import { describe, expect, it } from 'vitest'
import { createOptions, dockerRunCommand, helperSpec } from '../../main/kernel/helper-spec'
import { HelperKernelSource } from '../../main/kernel/helper-source'

const spec = helperSpec({ helperScript: __filename, labels: { 'glasshouse.helper': '1', odd: "it's" } })

describe('helper spec', () => {
  it('confines the container: host PID and UTS, no network, read-only, every capability dropped but SYS_PTRACE, no TTY', () => {
    const options = createOptions(spec)
    expect(options.HostConfig).toMatchObject({ PidMode: 'host', UTSMode: 'host', NetworkMode: 'none', ReadonlyRootfs: true, CapDrop: ['ALL'], CapAdd: ['SYS_PTRACE'] })
    expect(options.HostConfig?.Binds?.every((b) => b.endsWith(':ro'))).toBe(true)
    expect(options).toMatchObject({ Tty: false, OpenStdin: true, StdinOnce: false, Entrypoint: [process.execPath], Cmd: [spec.script] })
  })

  it('prints every bind, label and capability of the create options, quoted for a shell', () => {
    const command = dockerRunCommand(spec)
    for (const bind of createOptions(spec).HostConfig?.Binds ?? []) expect(command).toContain(`-v ${bind}`)
    expect(command).toContain(`--label 'odd=it'\\''s'`)
    expect(command).toContain('--cap-add SYS_PTRACE')
    expect(command).toMatch(/--entrypoint \S+ \\\n {2}glasshouse-helper:empty \\\n {2}\/glasshouse\/helper-spec\.test\.ts$/)
  })
})

describe('helper start', () => {
  it('refuses a daemon on another kernel before asking it anything, and says why', async () => {
    // Nothing listens on this socket: a refusal that asked the daemon would fail differently.
    const nowhere = new Docker({ socketPath: '/nonexistent/docker.sock' })
    const start = HelperKernelSource.start(nowhere, {
      helperScript: __filename,
      engine: { host: 'unix:///var/run/docker.sock', info: { Name: 'docker-desktop', OperatingSystem: 'Docker Desktop', KernelVersion: '6.10.14-linuxkit' } }
    })
    await expect(start).rejects.toThrow(/Docker Desktop.*only works for a daemon on this host/)
  })
})
