// The integration tests' setup, for Playwright: returns the teardown it runs at the end.
import { setup, teardown } from '../../integration/support/global-setup'

export default async function globalSetup(): Promise<() => Promise<void>> {
  await setup()
  return teardown
}
