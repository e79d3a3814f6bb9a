// The container runtime's own threads: containerd and the shims. Every container-to-be is born below them
// (containerd → shim → runc → runc init, which joins the container's cgroup and execs the command), and so
// is every `docker exec`: following them with event-fork is how an observation follows containers that do
// not exist yet from their first process. Their own events are the host's and are left out.
import { readdirSync, readFileSync } from 'node:fs'

const RUNTIME_COMMS = /^(containerd|containerd-shim.*)$/

export function runtimeThreads(procRoot = '/proc'): number[] {
  const threads: number[] = []
  for (const entry of readdirSync(procRoot)) {
    if (!/^\d+$/.test(entry)) continue
    try {
      if (!RUNTIME_COMMS.test(readFileSync(`${procRoot}/${entry}/comm`, 'utf8').trim())) continue
      for (const tid of readdirSync(`${procRoot}/${entry}/task`)) threads.push(Number(tid))
    } catch {
      // Ended while we looked.
    }
  }
  return threads
}
