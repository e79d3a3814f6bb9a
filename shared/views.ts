// The app's top-level views: one list for the renderer's routes (#/cgroups) and the desktop menu.
export const VIEWS = [
  { id: 'namespaces', label: 'Namespaces' },
  { id: 'cgroups', label: 'Cgroups' },
  { id: 'security', label: 'Security' },
  { id: 'container', label: 'Container' },
  { id: 'compare', label: 'Compare' },
  { id: 'swarm', label: 'Swarm' }
] as const

export type ViewId = (typeof VIEWS)[number]['id']
export const VIEW_IDS: readonly ViewId[] = VIEWS.map((v) => v.id)
export const VIEW_LABELS = Object.fromEntries(VIEWS.map((v) => [v.id, v.label])) as Record<ViewId, string>

export function isViewId(value: unknown): value is ViewId {
  return VIEWS.some((view) => view.id === value)
}
