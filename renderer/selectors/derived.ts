// The shared selectors, memoised per snapshot for the renderer. Those shared across snapshots
// feed memoised components (list items, matrix rows, PID chips, cgroup cards); the sharing map
// is shared later, once cut to the rows shown (sharing-map.tsx).
import { capabilityMatrix } from '../../shared/selectors/capability-matrix'
import { cgroupTree } from '../../shared/selectors/cgroup-tree'
import { containerRiskBadges, type RiskBadge } from '../../shared/selectors/container-risks'
import { allFindings } from '../../shared/selectors/findings'
import { sharingMap } from '../../shared/selectors/namespace-map'
import { pidNamespaceTree } from '../../shared/selectors/pid-namespaces'
import { memoOnSnapshot } from './memo'

export const selectBadges = memoOnSnapshot((s) => new Map<string, RiskBadge[]>(s.containers.map((c) => [c.id, containerRiskBadges(s, c)])), { share: true })
export const selectFindings = memoOnSnapshot(allFindings)
export const selectPidTree = memoOnSnapshot(pidNamespaceTree, { share: true })
export const selectSharingMap = memoOnSnapshot(sharingMap)
export const selectCgroupTree = memoOnSnapshot(cgroupTree, { share: true })
export const selectCapabilityMatrix = memoOnSnapshot(capabilityMatrix, { share: true })
