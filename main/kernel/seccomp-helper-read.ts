// Live seccomp filters through a helper container (issue 13, for `--probe helper` and the app's helper
// source): a short-lived second helper (seccomp-helper-spec.ts) is started for the one request, reads
// the raw chains with ptrace, and is removed right after, also when anything fails. The report is
// assembled here exactly as for the in-process read, so decoding, fingerprints and views are unchanged.
import type Docker from 'dockerode'
import type { SeccompFiltersReport } from '../../shared/seccomp/report'
import { READ_REASON_TEXT } from '../../shared/seccomp/read-result'
import type { HostSnapshot } from '../../shared/model'
import { HelperContainer } from './helper-container'
import type { HelperMessage } from './helper-protocol'
import { HelperKernelSource } from './helper-source'
import type { HelperSpec } from './helper-spec'
import type { KernelSource } from './kernel-source'
import { filtersReport, groupsOfPlans, obstacleReport, planFilterReads, readContainerFilters } from './seccomp-containers'
import { fromWire, type WireGroupReads } from './seccomp-helper-wire'
import { seccompHelperSpec } from './seccomp-helper-spec'

type FiltersSnapshot = Pick<HostSnapshot, 'containers' | 'processes'>

export interface HelperFiltersOptions {
  /** Overrides of the seccomp helper's container (the capability measurements drop one at a time). */
  capabilities?: string[]
  securityOpt?: string[]
  /** How long the reads may take once the helper is ready (ms). */
  answerTimeoutMs?: number
}

/** Through a helper when the kernel is read by one, else in this process (root on the host). */
export function readFiltersFor(source: KernelSource, snapshot: FiltersSnapshot, options: { procRoot?: string } = {}): Promise<SeccompFiltersReport> {
  if (source instanceof HelperKernelSource) return readFiltersThroughHelper(source.docker, source.spec, snapshot)
  return Promise.resolve(readContainerFilters(snapshot, options))
}

export async function readFiltersThroughHelper(docker: Docker, session: HelperSpec, snapshot: FiltersSnapshot, options: HelperFiltersOptions = {}): Promise<SeccompFiltersReport> {
  const plans = planFilterReads(snapshot)
  const spec = seccompHelperSpec(session, options)
  if ('unavailable' in spec) return obstacleReport(plans, 'error', spec.unavailable)
  let helper: HelperContainer | null = null
  try {
    // start() removes the container itself when it never gets ready.
    helper = await HelperContainer.start(docker, spec)
    const reads = fromWire(await ask(helper, groupsOfPlans(plans), options.answerTimeoutMs ?? 30_000))
    if (reads.obstacle !== null) return obstacleReport(plans, reads.obstacle, `in the seccomp helper container: ${READ_REASON_TEXT[reads.obstacle]}`)
    return filtersReport(snapshot, plans, reads)
  } catch (error) {
    return obstacleReport(plans, 'error', `the seccomp helper container could not read the filters: ${error instanceof Error ? error.message : String(error)}`)
  } finally {
    await helper?.close().catch(() => undefined)
  }
}

function ask(helper: HelperContainer, groups: number[][], timeoutMs: number): Promise<WireGroupReads> {
  const id = 1
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => finish(new Error(`no answer within ${timeoutMs / 1000} s`)), timeoutMs)
    const offMessage = helper.onMessage((message: HelperMessage) => {
      if (message.type === 'seccomp-filters' && message.id === id) finish(null, message.reads)
      else if (message.type === 'error' && (message.id === id || message.id === null)) finish(new Error(message.message))
    })
    const offExit = helper.onExit((reason) => finish(new Error(reason)))
    function finish(error: Error | null, reads?: WireGroupReads): void {
      clearTimeout(timer)
      offMessage()
      offExit()
      if (error) reject(error)
      else resolve(reads as WireGroupReads)
    }
    helper.send({ op: 'seccomp-filters', id, groups })
  })
}
