// The two screens every view is looked at on: a classroom projector and a laptop.
import type { Page } from '@playwright/test'

export const SCREENS = [
  { width: 1920, height: 1080 },
  { width: 1366, height: 768 }
] as const

/** Sets each screen's size in turn and lets `shoot` take its pictures; `size` ("1920x1080") is for file names. */
export async function atEachScreen(page: Page, shoot: (size: string) => Promise<void>): Promise<void> {
  for (const screen of SCREENS) {
    await page.setViewportSize(screen)
    await shoot(`${screen.width}x${screen.height}`)
  }
}
