// A kernel source seen through a JSON wire: every request, report, target list and tick is
// serialised and parsed on its way, and the far side keeps its own history, as a helper container
// streaming NDJSON will. Wraps a real source; what passes this way passes the seam's contract.
import type { KernelSampler, KernelSource } from '../../../main/kernel/kernel-source'
import { History } from '../../../main/live/history'

const overWire = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T

export function jsonWire(far: KernelSource): KernelSource & { messages: number } {
  const wire = {
    kind: far.kind,
    messages: 0,
    report: async (request: Parameters<KernelSource['report']>[0]) => {
      wire.messages += 2
      return overWire(await far.report(overWire(request)))
    },
    sampler: ({ history }: { history: History }): KernelSampler => {
      // The far side records into a history nobody reads; this side records what arrives.
      const sampler = far.sampler({ history: new History() })
      return {
        setTargets: (targets, limitsChanged) => {
          wire.messages++
          sampler.setTargets(overWire(targets), limitsChanged && overWire(limitsChanged))
        },
        start: (intervalMs, onTick) =>
          sampler.start(intervalMs, (tick) => {
            wire.messages++
            const received = overWire(tick)
            history.record(Date.parse(received.sample.at), received.sample.containers, [])
            onTick(received)
          }),
        stop: () => sampler.stop()
      }
    },
    ...(far.kernelLog
      ? {
          kernelLog: async () => {
            wire.messages += 2
            return overWire(await far.kernelLog!())
          }
        }
      : {}),
    close: () => far.close()
  }
  return wire
}
