// The fork, cgroup-attach and exec lines an all-containers observation reads (kernel 6.18 print formats).
import { describe, expect, it } from 'vitest'
import { containerIdOfCgroupPath, isRuntimeReExec, parseAttachLine, parseForkLine } from '../../../shared/observe/task-lines'

const ID = 'fca9ed977c7b4578e47c896715b95475e2f72a69434cb44fd1d24a4f36f89dd0'

describe('task lines', () => {
  it('reads a fork: the child belongs to its parent', () => {
    expect(parseForkLine('            runc-26883   (  26875) [000] ..... 20903.348641: sched_process_fork: comm=runc pid=26883 child_comm=runc child_pid=26884')).toEqual({ parent: 26883, child: 26884 })
    expect(parseForkLine(' sh-1 (1) [000] ..... 1.0: cap_capable: cred 1, target_ns 2, capable_ns 3, cap 0, ret 0')).toBeNull()
  })

  it('reads an attach and names the container of the cgroup', () => {
    const line = `            runc-26579   (  26575) [001] d..1. 20901.316086: cgroup_attach_task: dst_root=3 dst_id=91894 dst_level=2 dst_path=/docker/${ID} pid=26584 comm=runc`
    expect(parseAttachLine(line)).toEqual({ pid: 26584, containerId: ID })
    expect(parseAttachLine(line.replace(`/docker/${ID}`, '/system.slice/ssh.service'))).toEqual({ pid: 26584, containerId: null })
  })

  it('finds the id under cgroupfs and systemd drivers, and nothing elsewhere', () => {
    expect(containerIdOfCgroupPath(`/docker/${ID}`)).toBe(ID)
    expect(containerIdOfCgroupPath(`/system.slice/docker-${ID}.scope`)).toBe(ID)
    expect(containerIdOfCgroupPath('/docker')).toBeNull()
    expect(containerIdOfCgroupPath('/user.slice/user-0.slice')).toBeNull()
  })

  it('tells runc re-executing itself from the container command', () => {
    const exec = (file: string): string => `runc:[0:PARENT]-26884   (  26884) [000] ..... 20903.350406: sched_process_exec: filename=${file} pid=26884 old_pid=26884`
    expect(isRuntimeReExec(exec('/proc/self/exe'))).toBe(true)
    expect(isRuntimeReExec(exec('/dev/fd/6'))).toBe(true)
    expect(isRuntimeReExec(exec('/usr/bin/runc'))).toBe(true)
    expect(isRuntimeReExec(exec('/bin/sh'))).toBe(false)
    expect(isRuntimeReExec(exec('/usr/local/bin/my app'))).toBe(false)
  })
})
