// Parses the text of /proc/<pid>/stat (kernel-facts §1.7). Field 2, the comm, is raw: it may hold
// spaces, parentheses and even newlines, so everything after it is located from the LAST ')'.
export interface ProcStat {
  pid: number
  comm: string
  /** Field 3, the state letter. */
  state: string
  /** Field 4. */
  ppid: number
  /** Field 22: start time in clock ticks since boot (USER_HZ, 100 on x86_64). */
  startTicks: number
}

export type StatParse = { ok: true; value: ProcStat } | { ok: false; detail: string }

/** 1-based field numbers, counted as in proc(5). */
const STATE = 3
const PPID = 4
const STARTTIME = 22
/** Fields after the comm start at field 3. */
const FIRST_AFTER_COMM = 3

const DECIMAL = /^\d+$/

export function parseStat(text: string): StatParse {
  const open = text.indexOf('(')
  const close = text.lastIndexOf(')')
  if (open < 0 || close < open) return { ok: false, detail: 'no (comm) in parentheses' }

  const pidText = text.slice(0, open).trim()
  const pid = decimal(pidText)
  if (pid === null) return { ok: false, detail: `field 1 (pid) is not a number: ${JSON.stringify(pidText)}` }

  const rest = text.slice(close + 1).trim().split(/\s+/)
  const field = (n: number): string | undefined => rest[n - FIRST_AFTER_COMM]
  const bad = (n: number, name: string, what: string): StatParse => ({
    ok: false,
    detail: `field ${n} (${name}) is not ${what}: ${JSON.stringify(field(n) ?? '')}`
  })
  const state = field(STATE) ?? ''
  if (!/^[A-Za-z]$/.test(state)) return bad(STATE, 'state', 'a state letter')
  const ppid = decimal(field(PPID))
  if (ppid === null) return bad(PPID, 'ppid', 'a number')
  const startTicks = decimal(field(STARTTIME))
  if (startTicks === null) return bad(STARTTIME, 'starttime', 'a number')
  return { ok: true, value: { pid, comm: text.slice(open + 1, close), state, ppid, startTicks } }
}

function decimal(text: string | undefined): number | null {
  if (text === undefined || !DECIMAL.test(text)) return null
  const value = Number(text)
  return Number.isSafeInteger(value) ? value : null
}
