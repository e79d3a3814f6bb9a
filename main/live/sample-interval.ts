// The sampling intervals a live session accepts. Its own module so the command line can print them in
// its usage text without loading the sampler.
export const MIN_INTERVAL_MS = 250
export const MAX_INTERVAL_MS = 60_000
