// The outcome of re-running a container's command with the suggested privileges (`observe --verify`).
export interface Verification {
  ok: boolean
  /** The original's exit code, or null when it still runs (then the copy must stay up). */
  expectedExitCode: number | null
  /** The copy's exit code, or null when it was still running at the end of the window. */
  exitCode: number | null
  /** The capabilities the copy ran with (after --cap-drop ALL). */
  capAdd: string[]
  summary: string
  /** Last lines the copy printed (helps when it failed). */
  logTail: string
}
