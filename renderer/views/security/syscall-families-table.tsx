// The decoded verdicts of one ABI, one row per family (mount, modules, namespaces…): each call with its
// verdict, the conditions of calls that depend on their arguments, and why Docker blocks the family.
import type { CallView, FamilyGroup } from '../../../shared/seccomp/family-groups'

const STATE_TEXT: Record<FamilyGroup['state'], string> = { allowed: 'allowed', blocked: 'blocked', mixed: 'partly blocked' }

export function VerdictChip({ call }: { call: CallView }): React.JSX.Element {
  return (
    <span className={`verdict verdict--${call.permits}`} title={`${call.name} (nr ${call.nr}): ${call.key}`}>
      {call.name} {call.permits === 'always' ? '✓' : call.permits === 'never' ? `✗ ${call.key.replace(/^ERRNO\(\d+ (\w+)\)$/, '$1')}` : '± args'}
    </span>
  )
}

export function SyscallFamiliesTable({ groups }: { groups: FamilyGroup[] }): React.JSX.Element {
  return (
    <table className="live-filters__families">
      <tbody>
        {groups.map((g) => {
          const other = g.family.id === 'other'
          // "Everything else" is long: list its blocked and argument-dependent calls, count the allowed ones.
          const shown = other ? g.calls.filter((c) => c.permits !== 'always') : g.calls
          const allowedHidden = other ? g.calls.length - shown.length : 0
          const dependent = g.calls.filter((c) => c.conditions.length > 0)
          return (
            <tr key={g.family.id} data-family={g.family.id}>
              <th scope="row">
                {g.family.title}
                <div className="muted">{STATE_TEXT[g.state]}</div>
              </th>
              <td>
                <div className="live-filters__calls">
                  {shown.map((c) => (
                    <VerdictChip key={c.name} call={c} />
                  ))}
                  {allowedHidden > 0 && <span className="muted">and {allowedHidden} more calls allowed</span>}
                </div>
                {dependent.map((c) => (
                  <ul key={c.name} className="live-filters__conditions" aria-label={`${c.name} depends on its arguments`}>
                    {c.conditions.map((text) => (
                      <li key={text}>
                        {c.name}: {text}
                      </li>
                    ))}
                  </ul>
                ))}
                {g.state !== 'allowed' && g.family.why && <div className="live-filters__why">Why Docker blocks these: {g.family.why}</div>}
                {g.state === 'allowed' && g.defaultBlocks && g.family.why && (
                  <div className="live-filters__why live-filters__why--allowed">▲ Allowed here, blocked by Docker&apos;s default profile: {g.family.why}</div>
                )}
              </td>
            </tr>
          )
        })}
      </tbody>
    </table>
  )
}
