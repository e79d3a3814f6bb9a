import type { Demo } from './types'

export const cpuThrottle: Demo = {
  id: 'cpu-throttle',
  title: 'Throttled under --cpus 0.5',
  concept:
    '--cpus sets a CFS quota: 50 ms of CPU per 100 ms period for 0.5. A busy process uses its quota early in each period and is then stopped until the next: throttled.',
  steps: [
    {
      title: 'A busy loop under half a core',
      actions: [{ kind: 'run', role: 'busy', cpus: 0.5, command: ['sh', '-c', 'yes > /dev/null'] }],
      look: { view: 'cgroups', container: 'busy', what: 'CPU at 0.5 of 0.5 cores, and the share of throttled periods' },
      predict: 'The loop would use a whole core. What will the container get, and what happens the rest of the time?',
      reveal: 'Half a core, exactly. In nearly every 100 ms period it runs out of quota and waits: the throttled share is close to 100 %. The loop is slower, not killed.',
      tryIt: 'docker run -d --cpus 0.5 busybox sh -c "yes >/dev/null"; docker stats --no-stream'
    }
  ],
  cleanup: 'Removes busy (the CPU load stops).'
}
