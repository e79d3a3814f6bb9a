// The probe as its own process (out/main/probe.js): reads the kernel, prints one JSON
// snapshot of what the kernel alone shows (no Docker), and exits. It has no dependencies,
// so it runs from a copied out/main folder, as another user, or later inside a helper container.
import { parseArgs } from 'node:util'
import { engineNotAsked, snapshotFromKernel } from '../model/kernel-snapshot'

const { values } = parseArgs({
  options: {
    'proc-root': { type: 'string', default: '/proc' },
    'cgroup-root': { type: 'string', default: '/sys/fs/cgroup' }
  }
})

const snapshot = snapshotFromKernel(engineNotAsked('standalone probe: the engine is not queried'), {
  procRoot: values['proc-root'] ?? '/proc',
  cgroupRoot: values['cgroup-root'] ?? '/sys/fs/cgroup'
})
process.stdout.write(JSON.stringify(snapshot) + '\n')
