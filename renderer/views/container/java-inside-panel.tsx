// The JVM inside (issue 11 item 4): for each Java process, what its JVM decided (read from its hsperfdata
// file) next to the container's cgroup limits: max heap against the memory limit, the processors it counts
// against the CPU quota and cpuset, its GC, and whether container support was on.
import { formatBytes, formatCores } from '../../../shared/format'
import type { ContainerInfo, HostSnapshot } from '../../../shared/model'
import { jvmsInside, type JvmInside } from '../../../shared/selectors/jvm-inside'

export function JavaInsidePanel({ snapshot, container: c }: { snapshot: HostSnapshot; container: ContainerInfo }): React.JSX.Element | null {
  const jvms = jvmsInside(snapshot, c)
  if (jvms.length === 0) return null
  return (
    <section className="panel" aria-labelledby="c-java">
      <h3 id="c-java">Java inside</h3>
      {jvms.map((j) => (
        <JvmFacts key={j.hostPid} jvm={j} container={c} hostCpus={snapshot.host.cpus} />
      ))}
    </section>
  )
}

function JvmFacts({ jvm: j, container: c, hostCpus }: { jvm: JvmInside; container: ContainerInfo; hostCpus: number }): React.JSX.Element {
  const who = `pid ${j.pidInside} inside (host ${j.hostPid})`
  if (!j.jvm) {
    return (
      <p className="muted">
        {who}: its JVM's settings are unknown. {j.problem?.message}
      </p>
    )
  }
  const { maxHeapBytes, gc, containerSupport, vmName, vmVersion } = j.jvm
  const quota = c.limits?.cpuQuotaCores ?? null
  const cpuset = c.usage?.cpusEffective ?? c.limits?.cpusetCpus ?? null
  const cpuLimit = [quota === null ? 'no CPU quota' : `quota ${formatCores(quota)}`, cpuset === null ? `all ${hostCpus} CPUs` : `CPUs ${cpuset}`].join(', ')
  return (
    <>
      <p>
        {who}: {vmName ?? 'a JVM'}
        {vmVersion ? ` ${vmVersion}` : ''} <span className="muted">· read from its {j.jvm.path}</span>
      </p>
      <table className="plain">
        <thead>
          <tr>
            <th scope="col" />
            <th scope="col">the JVM decided</th>
            <th scope="col">the container allows</th>
          </tr>
        </thead>
        <tbody>
          <tr className={j.heapSizedFromHost ? 'is-different' : ''}>
            <th scope="row">max heap</th>
            <td>
              {j.heapSizedFromHost && (
                <>
                  <span title="The JVM sized its heap for the host, not for this container">≠</span>{' '}
                </>
              )}
              {maxHeapBytes === null ? 'unknown' : formatBytes(maxHeapBytes)}
            </td>
            <td>{j.memoryLimitBytes === null ? 'no memory limit' : `memory limit ${formatBytes(j.memoryLimitBytes)}`}</td>
          </tr>
          <tr>
            <th scope="row">processors</th>
            <td title={`Derived as HotSpot does: ${j.processors?.basis ?? ''}`}>{j.processors ? `${j.processors.count} (${j.processors.basis})` : 'unknown'}</td>
            <td>{cpuLimit}</td>
          </tr>
          <tr>
            <th scope="row">GC</th>
            <td colSpan={2}>{gc ?? 'unknown'}</td>
          </tr>
          <tr className={containerSupport ? '' : 'is-different'}>
            <th scope="row">container support</th>
            <td colSpan={2}>{containerSupport ? 'on: sized from the cgroup limits' : "off (-XX:-UseContainerSupport): sized from the host's memory and CPUs"}</td>
          </tr>
        </tbody>
      </table>
      {j.heapSizedFromHost && maxHeapBytes !== null && j.memoryLimitBytes !== null && maxHeapBytes > j.memoryLimitBytes && (
        <p>
          <strong>Heap sized from the host:</strong> the heap may grow past the memory limit, and then the kernel OOM-kills the JVM instead of
          the JVM collecting garbage.
        </p>
      )}
    </>
  )
}
