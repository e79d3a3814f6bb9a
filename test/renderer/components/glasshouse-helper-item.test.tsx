// The sidebar names Glasshouse's own helper container "Glasshouse helper", says what it does, and lists it last.
import { screen, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { renderApp } from '../support/render-app'
import { withHelper } from '../support/with-helper'

describe('the helper container in the sidebar', () => {
  it('is shown as "Glasshouse helper", last, with its Docker name in its details', async () => {
    await renderApp({ snapshot: withHelper() })
    const items = within(screen.getByRole('listbox', { name: 'Containers' })).getAllByRole('option')
    const last = items.at(-1)!
    expect(last).toHaveTextContent('Glasshouse helper')
    expect(last).toHaveTextContent('adoring_banzai')
    expect(last).toHaveTextContent('reads the kernel for Glasshouse')
    expect(items.slice(0, -1).some((item) => item.textContent?.includes('Glasshouse helper'))).toBe(false)
  })
})
