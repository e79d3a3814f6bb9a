// The serve-mode token: 32 random bytes, base64url, compared in constant time.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'

/** Shorter tokens are refused: a guessable token would be no lock at all. */
export const MIN_TOKEN_LENGTH = 32

export function createToken(): string {
  return randomBytes(32).toString('base64url')
}

/** Constant-time comparison; hashing first hides the length of the expected token too. */
export function tokensMatch(given: string | null, expected: string): boolean {
  if (given === null) return false
  const digest = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest()
  return timingSafeEqual(digest(given), digest(expected))
}
