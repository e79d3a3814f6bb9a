// The names the page gives its exports always follow the one safe pattern (shared/export-name).
import { describe, expect, it } from 'vitest'
import { isSafeExportName } from '../../../shared/export-name'
import { exportName } from '../../../renderer/export/save-file'

describe('exportName', () => {
  it('always makes a safe name, whatever the host and view are called', () => {
    const hosts = ['vm', 'host.example.com', '..', '.hidden', '../../etc', 'a/b\\c', 'ünïcode', '', '-', 'x'.repeat(300)]
    const extensions = { svg: 'image/svg+xml', png: 'image/png', json: 'application/json' } as const
    for (const host of hosts) {
      for (const [extension, type] of Object.entries(extensions)) {
        const name = exportName('cgroups', host, '2026-11-28T16:56:03.123Z', extension as keyof typeof extensions)
        expect(isSafeExportName(name, type), name).toBe(true)
      }
    }
    expect(exportName('cgroups', 'host.example.com', '2026-11-28T16:56:03.123Z', 'svg')).toBe('glasshouse-cgroups-host-example-com-2026-11-28T16-56-03.svg')
    expect(exportName('cgroups', 'vm', '2026-11-28T16:56:03.123Z', 'png')).toBe('glasshouse-cgroups-vm-2026-11-28T16-56-03.png')
  })
})
