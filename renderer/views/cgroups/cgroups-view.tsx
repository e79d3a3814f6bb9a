// The cgroups view: the hierarchy with live bars, the selected container's recent minutes and
// where its limits bit, and what a program inside it believes it has.
import { describeCgroupLayout } from '../../../shared/selectors/cgroup-tree'
import { EmptyNote } from '../../components/state-screens'
import { ViewHeader } from '../../components/view-header'
import { useSelectedContainer, useSnapshot } from '../../hooks/use-snapshot'
import { CgroupTreeChart } from './cgroup-tree-chart'
import { ProgramSees } from './program-sees'
import { Sparklines } from './sparklines'

export function CgroupsView(): React.JSX.Element | null {
  const snapshot = useSnapshot()
  const container = useSelectedContainer()
  if (!snapshot) return null
  const stopped = snapshot.containers.filter((c) => !c.cgroupPath)
  return (
    <div className="view-body">
      <ViewHeader
        title="Cgroups"
        lead="How much each container may use, and how much it uses now. The kernel enforces these limits: over memory it kills, over the CPU quota it throttles, at the pids limit fork fails."
        concepts={['cgroups']}
      />
      <p className="layout-note">
        <strong>This host: </strong>
        {describeCgroupLayout(snapshot.host.cgroupLayout, snapshot.cgroups)}
      </p>
      <CgroupTreeChart snapshot={snapshot} />
      {stopped.length > 0 && <p className="muted">Not running, so no cgroup: {stopped.map((c) => c.name).join(', ')}.</p>}
      {container ? (
        <div className="two-columns">
          <section className="panel" aria-labelledby="recent-title">
            <h3 id="recent-title">Recent minutes: {container.name}</h3>
            <Sparklines container={container} />
          </section>
          <section className="panel" aria-labelledby="sees-title">
            <h3 id="sees-title">What the program inside {container.name} sees</h3>
            <ProgramSees snapshot={snapshot} container={container} />
          </section>
        </div>
      ) : (
        <EmptyNote>Select a container (list on the left, or a card above) to see its recent minutes and what a program inside it sees.</EmptyNote>
      )}
    </div>
  )
}
