// The security view: the capability matrix, one process's five sets, seccomp, and findings.
import { EmptyNote } from '../../components/state-screens'
import { ViewHeader } from '../../components/view-header'
import { useSelectedContainer, useSnapshot } from '../../hooks/use-snapshot'
import { CapabilityDetail } from './capability-detail'
import { CapabilityMatrixChart } from './capability-matrix-chart'
import { FindingsList } from './findings-list'
import { ObservedUsePanel } from './observed-use-panel'
import { ProcessCapabilities } from './process-capabilities'
import { LiveFiltersPanel } from './live-filters-panel'
import { SeccompPanel } from './seccomp-panel'

export function SecurityView(): React.JSX.Element | null {
  const snapshot = useSnapshot()
  const container = useSelectedContainer()
  if (!snapshot) return null
  return (
    <div className="view-body">
      <ViewHeader
        title="Security"
        lead="Root's power in pieces (capabilities), the system calls a process may make at all (seccomp), and what deserves a second look."
        concepts={['capabilities', 'seccomp']}
      />
      <section className="panel" aria-labelledby="matrix-title">
        <h3 id="matrix-title">Capabilities of each container&apos;s main process</h3>
        <CapabilityMatrixChart snapshot={snapshot} />
        <CapabilityDetail snapshot={snapshot} />
      </section>
      <ObservedUsePanel />
      <section className="panel" aria-labelledby="findings-title">
        <h3 id="findings-title">Findings</h3>
        <FindingsList snapshot={snapshot} />
      </section>
      {container ? (
        <>
          <section className="panel" aria-labelledby="seccomp-title">
            <h3 id="seccomp-title">Seccomp and no_new_privs: {container.name}</h3>
            <SeccompPanel snapshot={snapshot} container={container} />
          </section>
          <section className="panel" aria-labelledby="live-filters-title">
            <h3 id="live-filters-title">Live seccomp filter, per system call: {container.name}</h3>
            <LiveFiltersPanel container={container} />
          </section>
          <section className="panel" aria-labelledby="sets-title">
            <h3 id="sets-title">Five capability sets: {container.name}</h3>
            <ProcessCapabilities snapshot={snapshot} />
          </section>
        </>
      ) : (
        <EmptyNote>Select a container to see its processes&apos; capability sets and its seccomp state.</EmptyNote>
      )}
    </div>
  )
}
