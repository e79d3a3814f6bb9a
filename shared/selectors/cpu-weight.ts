// Docker's --cpu-shares on cgroup v2, where the kernel has cpu.weight instead of cpu.shares
// (kernel-facts §5.2). runc has used two conversions: the classic linear one (1024 → 39) and, in
// newer runc / opencontainers-cgroups, a log-quadratic fit that maps the default 1024 to the
// default weight 100. Which one ran depends on the runc version, so a check accepts either.

export const DEFAULT_CPU_SHARES = 1024
export const DEFAULT_CPU_WEIGHT = 100

/** Classic runc: 1 + (shares − 2) × 9999 / 262142, in integer arithmetic. */
export function linearCpuWeight(shares: number): number {
  return 1 + Math.floor(((shares - 2) * 9999) / 262142)
}

/** Newer runc: 10^((l² + 125·l) / 612 − 7/34) rounded up, l = log2(shares); 1024 → 100. */
export function quadraticCpuWeight(shares: number): number {
  const l = Math.log2(shares)
  return Math.min(10_000, Math.max(1, Math.ceil(10 ** ((l * l + 125 * l) / 612 - 7 / 34))))
}

/** The weights a v2 kernel may show for these shares (null = not set, the default). */
export function cpuWeightsFor(shares: number | null): number[] {
  if (shares === null) return [DEFAULT_CPU_WEIGHT]
  const clamped = Math.min(262_144, Math.max(2, shares))
  return [...new Set([linearCpuWeight(clamped), quadraticCpuWeight(clamped)])]
}

/** True when the enforced weight matches one of the conversions, allowing a rounding step. */
export function weightMatchesShares(weight: number, shares: number | null): boolean {
  return cpuWeightsFor(shares).some((w) => Math.abs(w - weight) <= 1)
}
