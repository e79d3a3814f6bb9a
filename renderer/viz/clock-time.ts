// "16:56:03", local time, without Intl: the first toLocaleTimeString of a page loads the locale's
// data (12–40 ms measured), and the status line asks for one in the first frame.
export function clockTime(at: string | Date): string {
  const d = typeof at === 'string' ? new Date(at) : at
  if (Number.isNaN(d.getTime())) return String(at)
  const two = (n: number): string => String(n).padStart(2, '0')
  return `${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`
}
