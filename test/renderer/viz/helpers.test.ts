import { describe, expect, it } from 'vitest'
import { formatHash, parseHash } from '../../../renderer/hooks/use-hash-route'
import { liveUsage, share } from '../../../renderer/selectors/live-usage'
import { filterContainers } from '../../../renderer/selectors/container-list'
import { selectBadges } from '../../../renderer/selectors/derived'
import { fitTransform, topLeftTransform } from '../../../renderer/viz/use-zoom'
import { fitText } from '../../../renderer/viz/text-metrics'
import { variedSnapshot } from '../support/fixture'
import { syntheticSamples } from '../support/synthetic-live'

const snapshot = variedSnapshot()
const web = snapshot.containers.find((c) => c.name === 'web')!

describe('routes in the address', () => {
  it('round-trips views and the container page', () => {
    expect(parseHash('#/cgroups')).toEqual({ view: 'cgroups', containerId: null })
    expect(parseHash(formatHash('container', web.id))).toEqual({ view: 'container', containerId: web.id })
    expect(formatHash('security', web.id)).toBe('#/security')
    expect(parseHash('#/nope')).toBeNull()
    expect(parseHash('#/container/xyz')).toBeNull()
  })
})

describe('live usage', () => {
  it('prefers the newest sample and falls back to the snapshot counters', () => {
    expect(liveUsage(web, undefined)).toMatchObject({ memoryBytes: 589824, cpuCores: null, memoryLimitBytes: 64 * 2 ** 20, pidsMax: 50, fromSample: false })
    const sample = syntheticSamples(snapshot, { seconds: 1 }).samples[0]!.containers.find((c) => c.id === web.id)!
    expect(liveUsage(web, sample)).toMatchObject({ cpuCores: sample.cpu.cores, fromSample: true })
  })
  it('clamps shares and refuses to divide by nothing', () => {
    expect(share(150, 100)).toBe(1)
    expect(share(null, 100)).toBeNull()
    expect(share(5, null)).toBeNull()
  })
})

describe('container list filter', () => {
  it('matches every word against name, id, image, state and badges; running first', () => {
    const badges = selectBadges(snapshot)
    expect(filterContainers(snapshot.containers, badges, 'host pid', 'all').map((c) => c.name)).toEqual(['debug-tools'])
    expect(filterContainers(snapshot.containers, badges, web.id.slice(0, 8), 'all').map((c) => c.name)).toEqual(['web'])
    expect(filterContainers(snapshot.containers, badges, '', 'running')).toHaveLength(6)
    expect(filterContainers(snapshot.containers, badges, '', 'all').at(-1)?.name).toBe('old-job')
  })
})

describe('zoom transforms and text fitting', () => {
  const options = { width: 800, height: 400, content: { x: 0, y: -100, width: 1600, height: 200 } }
  it('fits content by scaling down, never up, and can align it left', () => {
    expect(fitTransform(options).k).toBeCloseTo((800 - 32) / 1600)
    expect(fitTransform({ ...options, content: { x: 0, y: 0, width: 100, height: 100 } }).k).toBe(1)
    expect(fitTransform({ ...options, content: { x: 10, y: 0, width: 100, height: 100 } }, 'left').x).toBe(16 - 10)
    expect(topLeftTransform(options)).toMatchObject({ k: 1, x: 16, y: 116 })
  })
  it('in presenter mode, Fit stops at a readable scale and shows the top of what is taller', () => {
    const tall = { width: 1000, height: 600, content: { x: 0, y: -5000, width: 500, height: 10000 } }
    expect(fitTransform(tall).k).toBeCloseTo((600 - 32) / 10000)
    const floored = fitTransform({ ...tall, fitMinScale: 0.8 })
    expect(floored.k).toBe(0.8)
    expect(floored.y).toBe(16 + 5000 * 0.8)
    expect(floored.x).toBe((1000 - 500 * 0.8) / 2)
  })
  it('cuts text with an ellipsis to the width', () => {
    expect(fitText('kworker/R-kvfree_rcu_reclaim', 80, 10)).toMatch(/…$/)
    expect(fitText('sleep', 80, 10)).toBe('sleep')
  })
})
