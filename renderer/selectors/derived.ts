// The shared selectors, memoised per snapshot for the renderer.
import { capabilityMatrix } from '../../shared/selectors/capability-matrix'
import { cgroupTree } from '../../shared/selectors/cgroup-tree'
import { containerRiskBadges, type RiskBadge } from '../../shared/selectors/container-risks'
import { allFindings } from '../../shared/selectors/findings'
import { sharingMap } from '../../shared/selectors/namespace-map'
import { pidNamespaceTree } from '../../shared/selectors/pid-namespaces'
import { memoOnSnapshot } from './memo'

export const selectBadges = memoOnSnapshot((s) => new Map<string, RiskBadge[]>(s.containers.map((c) => [c.id, containerRiskBadges(s, c)])))
export const selectFindings = memoOnSnapshot(allFindings)
export const selectPidTree = memoOnSnapshot(pidNamespaceTree)
export const selectSharingMap = memoOnSnapshot(sharingMap)
export const selectCgroupTree = memoOnSnapshot(cgroupTree)
export const selectCapabilityMatrix = memoOnSnapshot(capabilityMatrix)
