// Short capability names for the matrix's horizontal headers in presenter mode (at most 7 letters, so a
// name fits above a few columns at a size a class can read). The legend under the matrix spells them out.
const SHORT: Readonly<Record<string, string>> = {
  CAP_DAC_OVERRIDE: 'DACOVR',
  CAP_DAC_READ_SEARCH: 'DACRS',
  CAP_LINUX_IMMUTABLE: 'IMMUT',
  CAP_NET_BIND_SERVICE: 'NBIND',
  CAP_NET_BROADCAST: 'NBCAST',
  CAP_NET_ADMIN: 'NADMIN',
  CAP_NET_RAW: 'NRAW',
  CAP_IPC_LOCK: 'ILOCK',
  CAP_IPC_OWNER: 'IOWNER',
  CAP_SYS_MODULE: 'MODULE',
  CAP_SYS_RAWIO: 'RAWIO',
  CAP_SYS_CHROOT: 'CHROOT',
  CAP_SYS_PTRACE: 'PTRACE',
  CAP_SYS_PACCT: 'PACCT',
  CAP_SYS_ADMIN: 'SADMIN',
  CAP_SYS_BOOT: 'BOOT',
  CAP_SYS_NICE: 'NICE',
  CAP_SYS_RESOURCE: 'RESRC',
  CAP_SYS_TIME: 'TIME',
  CAP_SYS_TTY_CONFIG: 'TTYCFG',
  CAP_AUDIT_WRITE: 'AUDWR',
  CAP_AUDIT_CONTROL: 'AUDCTL',
  CAP_AUDIT_READ: 'AUDRD',
  CAP_MAC_OVERRIDE: 'MACOVR',
  CAP_MAC_ADMIN: 'MACADM',
  CAP_WAKE_ALARM: 'WAKE',
  CAP_BLOCK_SUSPEND: 'BLKSUS',
  CAP_CHECKPOINT_RESTORE: 'CHKPT'
}

/** The name without CAP_, shortened where it is long. */
export function shortCapabilityName(name: string): string {
  return SHORT[name] ?? name.replace(/^CAP_/, '')
}

/** The short names that differ from the plain name, for the legend. */
export function shortNameLegend(names: readonly string[]): Array<[short: string, full: string]> {
  return names.filter((n) => SHORT[n]).map((n) => [SHORT[n]!, n.replace(/^CAP_/, '')])
}
