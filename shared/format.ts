// Formatting shared by the command line and the renderer.

const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB']

/** 67108864 → "64 MiB"; 1234567 → "1.2 MiB". */
export function formatBytes(bytes: number): string {
  let value = bytes
  let unit = 0
  while (Math.abs(value) >= 1024 && unit < UNITS.length - 1) {
    value /= 1024
    unit++
  }
  const digits = unit === 0 || Number.isInteger(value) || value >= 100 ? 0 : 1
  return `${value.toFixed(digits)} ${UNITS[unit]}`
}

/** 0.5 → "0.5 cores"; 1 → "1 core". One core = one CPU fully busy. */
export function formatCores(cores: number): string {
  const text = Number.isInteger(cores) ? String(cores) : cores.toFixed(2).replace(/0$/, '')
  return `${text} ${cores === 1 ? 'core' : 'cores'}`
}

export function shortId(id: string): string {
  return id.slice(0, 12)
}
