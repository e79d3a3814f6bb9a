// The fixture with a running Glasshouse helper container, named like Docker names one
// ("adoring_banzai": first alphabetically, so only the helper rule can put it last).
import type { HostSnapshot } from '../../../shared/model'
import { variedSnapshot } from './fixture'

export function withHelper(snapshot: HostSnapshot = variedSnapshot()): HostSnapshot {
  const web = snapshot.containers.find((c) => c.name === 'web')!
  const helper = { ...web, id: 'a'.repeat(64), name: 'adoring_banzai', image: 'glasshouse-helper:empty', labels: { 'glasshouse.helper': '1' } }
  return { ...snapshot, containers: [helper, ...snapshot.containers] }
}
