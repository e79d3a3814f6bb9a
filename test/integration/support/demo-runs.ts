// A demo runner for tests: its names carry this worker's tag and everything it creates the test
// run's label, so parallel runs (and other helpers' tests) never meet; and a count of what is left.
import Docker from 'dockerode'
import { DEMO_LABEL } from '../../../shared/demos/docker-command'
import type { Demo } from '../../../shared/demos/types'
import { DEMO_TAG_LABEL, DemoRunner } from '../../../main/demos/demo-runner'
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
