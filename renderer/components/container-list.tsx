// The container list: search, filter, risk badges, and the selection every view shares.
// Arrow keys move through the list (roving focus); Enter opens the container page.
import { memo, useCallback, useEffect, useMemo, useRef } from 'react'
import type { ContainerInfo } from '../../shared/model'
import type { RiskBadge } from '../../shared/selectors/container-risks'
import { postMortemBadge } from '../../shared/selectors/post-mortem'
import { shortId } from '../../shared/format'
import { useProgressiveCount } from '../hooks/use-after-first-paint'
import { filterContainers } from '../selectors/container-list'
import { GLASSHOUSE_HELPER_NAME, isGlasshouseHelper } from '../../shared/selectors/glasshouse-helper'
import { selectBadges } from '../selectors/derived'
import { selectLimitBadges, type LimitBadge } from '../selectors/limit-events'
import { useApp } from '../store/app-store'
import type { ListFilter } from '../store/ui-slice'
import { LimitBadges } from './limit-badges'
import { RiskBadges } from './risk-badges'

const FILTERS: Array<[ListFilter, string]> = [
  ['all', 'All'],
  ['running', 'Running'],
  ['risky', 'Risky']
]
const EMPTY_BADGES: ReadonlyMap<string, RiskBadge[]> = new Map()
const NO_LIMIT_BADGES: readonly LimitBadge[] = []
/** More items than 1080 pixels of list show, at the smallest text size. */
const FIRST_ITEMS = 24

export function ContainerList(): React.JSX.Element {
  const snapshot = useApp((s) => s.snapshot)
  const limitBadges = selectLimitBadges(useApp((s) => s.events))
  const search = useApp((s) => s.search)
  const filter = useApp((s) => s.filter)
  const selected = useApp((s) => s.selectedContainerId)
  const hideKernelOnly = useApp((s) => s.hideKernelOnly)
  const setHideKernelOnly = useApp((s) => s.setHideKernelOnly)
  const setSearch = useApp((s) => s.setSearch)
  const setFilter = useApp((s) => s.setFilter)
  const select = useApp((s) => s.selectContainer)
  const setView = useApp((s) => s.setView)
  const listRef = useRef<HTMLUListElement>(null)

  const badges = snapshot ? selectBadges(snapshot) : EMPTY_BADGES
  const visible = useMemo(
    () => (snapshot ? filterContainers(snapshot.containers, badges, search, filter, hideKernelOnly) : []),
    [snapshot, badges, search, filter, hideKernelOnly]
  )
  const total = snapshot?.containers.length ?? 0
  const kernelOnly = useMemo(() => snapshot?.containers.filter((c) => c.source === 'cgroup').length ?? 0, [snapshot])

  const focusIndex = useCallback(
    (index: number) => {
      const target = visible[Math.max(0, Math.min(visible.length - 1, index))]
      if (!target) return
      select(target.id)
      listRef.current?.querySelector<HTMLElement>(`[data-id="${target.id}"]`)?.focus()
    },
    [visible, select]
  )

  const onKeyDown = (e: React.KeyboardEvent<HTMLUListElement>): void => {
    const current = visible.findIndex((c) => c.id === selected)
    const moves: Record<string, number> = { ArrowDown: current + 1, ArrowUp: current - 1, Home: 0, End: visible.length - 1, PageDown: current + 10, PageUp: current - 10 }
    const next = moves[e.key]
    if (next !== undefined) {
      e.preventDefault()
      focusIndex(next)
    } else if (e.key === 'Enter' && selected) {
      setView('container')
    }
  }

  // A selection made elsewhere (a limit event's row, a link on the container page) brings its item into
  // view. Not the first selection (the default one, or the address's): it is in view or the user scrolls,
  // and scrolling to it would lay out the whole page before its first paint.
  const previous = useRef(selected)
  useEffect(() => {
    if (previous.current !== null && selected && selected !== previous.current) {
      listRef.current?.querySelector<HTMLElement>(`[data-id="${selected}"]`)?.scrollIntoView?.({ block: 'nearest' })
    }
    previous.current = selected
  }, [selected])
  // A screenful of items in the first frame, the rest in the next (200 items are a third of that frame).
  const drawn = useProgressiveCount(visible.length, FIRST_ITEMS)

  const activeId = visible.some((c) => c.id === selected) ? selected : (visible[0]?.id ?? null)

  return (
    <nav className="container-list" aria-label="Containers">
      <div className="container-list__tools">
        <label htmlFor="container-search" className="visually-hidden">
          Search containers
        </label>
        <input
          id="container-search"
          type="search"
          placeholder="Search  (press /)"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
        <div className="segmented" role="group" aria-label="Show">
          {FILTERS.map(([id, label]) => (
            <button key={id} type="button" aria-pressed={filter === id} onClick={() => setFilter(id)}>
              {label}
            </button>
          ))}
        </div>
        {(kernelOnly > 0 || hideKernelOnly) && (
          <label className="container-list__kernel-only" title="Containers the kernel shows but this Docker daemon does not know: another daemon's (containerd, Podman, a second dockerd)">
            <input type="checkbox" checked={hideKernelOnly} onChange={(e) => setHideKernelOnly(e.target.checked)} /> Hide kernel-only ({kernelOnly})
          </label>
        )}
        <p className="container-list__count muted" aria-live="polite">
          {visible.length === total ? `${total} container${total === 1 ? '' : 's'}` : `${visible.length} of ${total} containers`}
        </p>
      </div>
      {visible.length === 0 ? (
        <p className="container-list__empty">
          {total > 0
            ? `No container matches. Clear the search or choose All${hideKernelOnly && kernelOnly > 0 ? ', or show the kernel-only ones' : ''}.`
            : snapshot?.engine.reachable === false
              ? 'The kernel shows no running container, and Docker cannot be asked for stopped ones while it is unreachable.'
              : 'No containers on this host. Start one (docker run …) and it appears here.'}
        </p>
      ) : (
        <ul ref={listRef} className="container-list__items" role="listbox" aria-label="Containers" onKeyDown={onKeyDown}>
          {(drawn < visible.length ? visible.slice(0, drawn) : visible).map((c) => (
            <ContainerItem key={c.id} container={c} badges={badges.get(c.id) ?? []} limits={limitBadges.get(c.id) ?? NO_LIMIT_BADGES} selected={c.id === selected} tabbable={c.id === activeId} onSelect={select} />
          ))}
        </ul>
      )}
    </nav>
  )
}

interface ItemProps {
  container: ContainerInfo
  badges: readonly RiskBadge[]
  limits: readonly LimitBadge[]
  selected: boolean
  tabbable: boolean
  onSelect: (id: string) => void
}

const ContainerItem = memo(function ContainerItem({ container: c, badges, limits, selected, tabbable, onSelect }: ItemProps): React.JSX.Element {
  const running = c.pid !== null
  const ended = postMortemBadge(c)
  const helper = isGlasshouseHelper(c)
  return (
    <li
      role="option"
      aria-selected={selected}
      tabIndex={tabbable ? 0 : -1}
      data-id={c.id}
      className={`container-item${selected ? ' is-selected' : ''}${running ? '' : ' is-stopped'}${helper ? ' is-glasshouse-helper' : ''}`}
      onClick={() => onSelect(c.id)}
    >
      <div className="container-item__head">
        <span className={`state-dot state-dot--${running ? 'running' : 'stopped'}`} aria-hidden="true">
          {running ? '●' : '○'}
        </span>
        <span className="container-item__name" title={helper ? `${c.name}: started by Glasshouse to read the kernel, removed when it stops` : undefined}>
          {helper ? GLASSHOUSE_HELPER_NAME : c.name}
        </span>
        <span className="container-item__state muted">{c.state}</span>
        {ended && (
          <span className={`badge badge--${ended.level} container-item__exit`} title={ended.description}>
            {ended.label}
            <span className="visually-hidden">: {ended.description}</span>
          </span>
        )}
      </div>
      <div className="container-item__meta muted">
        <span className="mono">{shortId(c.id)}</span> {helper ? <span>· {c.name}</span> : c.image && <span>· {c.image}</span>}
        {c.source === 'cgroup' && <span> · kernel only</span>}
      </div>
      {helper && <div className="container-item__meta muted">reads the kernel for Glasshouse</div>}
      <LimitBadges badges={limits} />
      <RiskBadges badges={badges} />
    </li>
  )
})
