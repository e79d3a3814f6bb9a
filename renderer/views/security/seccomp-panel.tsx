// Seccomp and no_new_privs for the selected container: the mode the kernel reports for each
// process, what Docker was asked for, and a custom profile's rules as Docker keeps them inline.
import type { ContainerInfo, HostSnapshot, ProcessInfo } from '../../../shared/model'
import { describeSeccompAction, summariseSeccompProfile } from '../../../shared/selectors/seccomp-profile'
import { processesOf } from '../../../shared/selectors/snapshot-index'

const MODE_TEXT: Record<string, string> = {
  disabled: 'disabled (Seccomp: 0): every system call is allowed',
  strict: 'strict (Seccomp: 1): only read, write, exit and sigreturn',
  filter: 'filter (Seccomp: 2): a BPF filter decides each call'
}

export function SeccompPanel({ snapshot, container }: { snapshot: HostSnapshot; container: ContainerInfo }): React.JSX.Element {
  const processes = processesOf(snapshot, container.id)
  const declared = container.declared
  // Processes that share the same kernel state are shown as one line.
  const groups = new Map<string, ProcessInfo[]>()
  for (const p of processes) {
    const key = `${p.seccomp.mode}|${p.seccomp.filters}|${p.noNewPrivs}`
    groups.set(key, [...(groups.get(key) ?? []), p])
  }
  const kernelModes = new Set(processes.map((p) => p.seccomp.mode))
  const verdict = verdictText(declared?.seccomp ?? null, kernelModes, declared?.privileged ?? false)
  return (
    <div className="seccomp">
      <table className="plain">
        <tbody>
          <tr>
            <th scope="row">Declared (Docker)</th>
            <td>
              {declared ? (
                <>
                  <b>{declared.seccomp}</b> profile
                  {declared.seccomp === 'default' && " — Docker's built-in allow list"}
                  {declared.seccomp === 'unconfined' && ' — no filter asked for'}
                  {declared.privileged && ' (privileged: Docker applies no profile)'}
                  {declared.securityOpt.length > 0 && (
                    <div className="muted">
                      SecurityOpt: <code>{declared.securityOpt.map((o) => (o.length > 60 ? `${o.slice(0, 57)}…` : o)).join(', ')}</code>
                    </div>
                  )}
                </>
              ) : (
                <span className="muted">unknown: Docker was not reachable</span>
              )}
            </td>
          </tr>
          {[...groups.values()].map((ps) => {
            const p = ps[0] as ProcessInfo
            return (
              <tr key={`${p.pid}`}>
                <th scope="row">
                  Kernel: {ps.length === processes.length ? 'every process' : ps.map((x) => `${x.comm} ${x.pid}`).join(', ')}
                </th>
                <td>
                  {p.seccomp.mode ? MODE_TEXT[p.seccomp.mode] : 'unreadable'}
                  {p.seccomp.mode === 'filter' && p.seccomp.filters !== null && ` · ${p.seccomp.filters} filter${p.seccomp.filters === 1 ? '' : 's'} stacked`}
                  <div>
                    no_new_privs: <b>{p.noNewPrivs === null ? 'unreadable' : p.noNewPrivs ? 'on' : 'off'}</b>
                    {p.noNewPrivs === false && <span className="muted"> — a setuid program could still raise privileges</span>}
                  </div>
                </td>
              </tr>
            )
          })}
          {declared && (
            <tr>
              <th scope="row">no-new-privileges (declared)</th>
              <td>{declared.noNewPrivileges ? 'asked for' : <span className="muted">not asked for</span>}</td>
            </tr>
          )}
        </tbody>
      </table>
      {verdict && <p className={`seccomp__verdict seccomp__verdict--${verdict.tone}`}>{verdict.text}</p>}
      {declared?.seccomp === 'custom' && <CustomProfile profile={declared.seccompProfile} />}
    </div>
  )
}

function verdictText(declared: string | null, modes: Set<string | null>, privileged: boolean): { tone: 'ok' | 'risk'; text: string } | null {
  if (modes.size === 0) return null
  if (modes.has('disabled') && declared !== 'unconfined' && !privileged && declared !== null) {
    return { tone: 'risk', text: '▲ Declared a profile, but the kernel runs at least one process without a filter.' }
  }
  if (modes.has('disabled')) return { tone: 'risk', text: '▲ No filter: the whole system call interface of the shared kernel is reachable.' }
  return { tone: 'ok', text: '✓ Every process runs under a seccomp filter, as declared.' }
}

function CustomProfile({ profile }: { profile: unknown }): React.JSX.Element {
  const summary = summariseSeccompProfile(profile)
  if (summary.raw !== null) {
    return (
      <div className="seccomp__custom">
        <h4>Custom profile (not JSON Glasshouse understands)</h4>
        <pre>{summary.raw.slice(0, 2000)}</pre>
      </div>
    )
  }
  return (
    <div className="seccomp__custom">
      <h4>Custom profile, as Docker keeps it inline</h4>
      <p>
        Default action: <code>{summary.defaultAction ?? '?'}</code> ({describeSeccompAction(summary.defaultAction)}) for every call no rule names.
        {summary.architectures.length > 0 && <> Architectures: {summary.architectures.join(', ')}.</>}
      </p>
      <table className="plain">
        <thead>
          <tr>
            <th scope="col">action</th>
            <th scope="col">system calls</th>
            <th scope="col">only when</th>
          </tr>
        </thead>
        <tbody>
          {summary.rules.map((r, i) => (
            <tr key={i}>
              <td>
                <code>{r.action}</code> <span className="muted">({describeSeccompAction(r.action)})</span>
              </td>
              <td className="mono">{r.syscalls.join(', ')}</td>
              <td className="mono">{r.conditions.join(' and ') || '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
