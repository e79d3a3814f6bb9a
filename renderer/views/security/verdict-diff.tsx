// Where two verdict tables differ: this container against Docker's default profile, or against another container.
import type { VerdictDifference } from '../../../shared/seccomp/compare'

export function VerdictDiff({ differences, leftTitle, rightTitle, limit = 60 }: { differences: VerdictDifference[]; leftTitle: string; rightTitle: string; limit?: number }): React.JSX.Element {
  if (differences.length === 0) return <p>No difference: every system call gets the same verdict.</p>
  return (
    <table>
      <thead>
        <tr>
          <th scope="col">system call</th>
          <th scope="col">{leftTitle}</th>
          <th scope="col">{rightTitle}</th>
        </tr>
      </thead>
      <tbody>
        {differences.slice(0, limit).map((d) => (
          <tr key={d.name}>
            <td className="mono">{d.name}</td>
            <td className="mono">{d.left}</td>
            <td className="mono">{d.right}</td>
          </tr>
        ))}
        {differences.length > limit && (
          <tr>
            <td colSpan={3} className="muted">
              and {differences.length - limit} more
            </td>
          </tr>
        )}
      </tbody>
    </table>
  )
}
