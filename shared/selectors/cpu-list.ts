// The kernel's CPU list format (cpuset.cpus, Cpus_allowed_list): "0-3,8,10-11".

/** How many CPUs a list names; null when the text is not a CPU list. */
export function countCpuList(text: string | null | undefined): number | null {
  if (text == null) return null
  const trimmed = text.trim()
  if (trimmed === '') return 0
  let count = 0
  for (const part of trimmed.split(',')) {
    const match = /^(\d+)(?:-(\d+))?$/.exec(part.trim())
    if (!match) return null
    const from = Number(match[1])
    const to = match[2] === undefined ? from : Number(match[2])
    if (to < from) return null
    count += to - from + 1
  }
  return count
}
