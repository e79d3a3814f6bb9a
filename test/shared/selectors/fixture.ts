// The real snapshot captured from a host with seven varied containers, and helpers to find things in it.
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import type { ContainerInfo, HostSnapshot } from '../../../shared/model'

export function loadVaried(): HostSnapshot {
  return JSON.parse(readFileSync(resolve(__dirname, '../../fixtures/snapshots/host-varied.json'), 'utf8')) as HostSnapshot
}

export function byName(snapshot: HostSnapshot, name: string): ContainerInfo {
  const c = snapshot.containers.find((x) => x.name === name)
  if (!c) throw new Error(`no container ${name} in the fixture`)
  return c
}
