// Which kernel the views show and how it was read (issue 10): by this process ("in-process") or by a
// helper container next to the containers. Why that way is in the title, for hover and screen readers.
import type { HostSnapshot } from '../../shared/model'

export function kernelReadByText(snapshot: HostSnapshot): string {
  const readBy = snapshot.kernelReadBy
  // A helper names where the kernel runs ("Docker Desktop VM, kernel 6.10.14-linuxkit"), from the daemon.
  const kernel = readBy?.place ?? `kernel ${snapshot.host.kernel}`
  if (!readBy) return kernel
  return `${kernel} · ${readBy.source === 'helper' ? 'read by a helper container' : 'read in-process'}`
}

export function KernelReadBy({ snapshot }: { snapshot: HostSnapshot }): React.JSX.Element {
  const reason = snapshot.kernelReadBy?.reason
  return (
    <span className="status-line__kernel" title={reason ? `How the kernel was read: ${reason}` : undefined} data-testid="kernel-read-by">
      {kernelReadByText(snapshot)}
    </span>
  )
}
