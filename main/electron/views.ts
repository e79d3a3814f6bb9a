// The renderer's top-level views, as the menu names them. They mirror renderer/store/ui-slice.ts
// VIEW_IDS (a test keeps the two equal): the renderer routes by the address's hash (#/cgroups),
// so main can switch views, and remember the last one, through the hash alone.
export const VIEWS = [
  { id: 'namespaces', label: 'Namespaces' },
  { id: 'cgroups', label: 'Cgroups' },
  { id: 'security', label: 'Security' },
  { id: 'container', label: 'Container' }
] as const

export type ViewId = (typeof VIEWS)[number]['id']

export function isViewId(value: unknown): value is ViewId {
  return VIEWS.some((view) => view.id === value)
}

/** The view a page address shows (#/cgroups, #/container/<id>), or null. */
export function viewFromUrl(url: string): ViewId | null {
  const hash = url.includes('#') ? url.slice(url.indexOf('#')) : ''
  const match = /^#\/([a-z]+)(?:\/[0-9a-f]{12,64})?$/.exec(hash)
  return match && isViewId(match[1]) ? match[1] : null
}
