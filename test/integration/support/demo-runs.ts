// A demo runner for tests: its names carry this worker's tag and everything it creates the test
// run's label, so parallel runs (and other helpers' tests) never meet; and a count of what is left.
import Docker from 'dockerode'
import { afterAll, expect } from 'vitest'
import { DEMO_LABEL } from '../../../shared/demos/docker-command'
import type { Demo, StepResult } from '../../../shared/demos/types'
import type { HostSnapshot } from '../../../shared/model'
import { DEMO_TAG_LABEL, DemoRunner } from '../../../main/demos/demo-runner'
import { snapshotJson } from './cli'
import { testLabels } from './docker'

export const docker = new Docker()
export const DEMO_TEST_TAG = `t${process.pid}`

export function testDemoRunner(demos?: readonly Demo[]): DemoRunner {
  return new DemoRunner({ docker, tag: DEMO_TEST_TAG, extraLabels: testLabels(), ...(demos ? { demos } : {}) })
}

/** Containers and images of this tag's run of a demo that still exist. */
export async function leftovers(demoId: string, tag = DEMO_TEST_TAG): Promise<string[]> {
  const label = [`${DEMO_LABEL}=${demoId}`, `${DEMO_TAG_LABEL}=${tag}`]
  const containers = await docker.listContainers({ all: true, filters: { label } })
  const images = await docker.listImages({ filters: { label } })
  return [...containers.map((c) => `container ${c.Names[0]}`), ...images.map((i) => `image ${i.RepoTags?.[0] ?? i.Id}`)]
}

export interface DemoRun {
  results: StepResult[]
  /** The host after the last step, as `glasshouse snapshot --json` reads it. */
  snapshot: HostSnapshot
  /** The demo's containers by role. */
  ids: Record<string, string>
}

/**
 * For a test file that runs whole demos: `run` runs every step (each must go as the demo expects) and takes a
 * snapshot; `cleanedUp` cleans a demo and asserts nothing of it is left. Whatever ran is cleaned after the file.
 */
export function demoSuite(runner: DemoRunner = testDemoRunner()): { runner: DemoRunner; run: (demoId: string) => Promise<DemoRun>; cleanedUp: (demoId: string) => Promise<void> } {
  const ran = new Set<string>()
  afterAll(async () => {
    for (const id of ran) await runner.clean(id)
  })
  return {
    runner,
    run: async (demoId) => {
      ran.add(demoId)
      const results = await runner.runAll(demoId)
      for (const result of results) expect(result.asExpected, `${demoId} step ${result.step + 1}: ${JSON.stringify(result.actions)}`).toBe(true)
      return { results, snapshot: await snapshotJson(), ids: results.at(-1)!.containers }
    },
    cleanedUp: async (demoId) => {
      await runner.clean(demoId)
      expect(await leftovers(demoId)).toEqual([])
    }
  }
}
