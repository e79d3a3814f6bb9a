// The renderer routes by the address's hash (#/cgroups), so main can switch views, and remember
// the last one, through the hash alone. The views themselves are listed once, in shared/views.ts.
import { isViewId, type ViewId } from '../../shared/views'

export { VIEWS, isViewId, type ViewId } from '../../shared/views'

/** The view a page address shows (#/cgroups, #/container/<id>), or null. */
export function viewFromUrl(url: string): ViewId | null {
  const hash = url.includes('#') ? url.slice(url.indexOf('#')) : ''
  const match = /^#\/([a-z]+)(?:\/[0-9a-f]{12,64})?$/.exec(hash)
  return match && isViewId(match[1]) ? match[1] : null
}
