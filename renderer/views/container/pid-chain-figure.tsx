// A process's PID at each level of nested PID namespaces, as a row of boxes: host → container → nested.
import type { ProcessInfo } from '../../../shared/model'

export function PidChainFigure({ process, containerName, unit }: { process: ProcessInfo; containerName: string; unit: number }): React.JSX.Element {
  const chain = process.nspid.length ? process.nspid : [process.pid]
  const boxW = unit * 13
  const boxH = unit * 3.6
  const arrow = unit * 3
  const width = chain.length * boxW + (chain.length - 1) * arrow + 2
  const label = (i: number): string => (i === 0 ? "host's PID namespace" : i === chain.length - 1 ? `${containerName}'s own namespace` : `intermediate namespace (level ${i})`)
  return (
    <svg width={width} height={boxH + 2} data-export={`PID chain of ${process.comm} in ${containerName}`} role="img" aria-label={chain.map((pid, i) => `PID ${pid} in the ${label(i)}`).join(', ')}>
      {chain.map((pid, i) => {
        const x = 1 + i * (boxW + arrow)
        const kind = i === 0 ? 'pid-host' : i === chain.length - 1 ? 'pid-ns' : 'pid-mid'
        return (
          <g key={i}>
            <rect x={x} y={1} width={boxW} height={boxH} rx={6} className={`chain-box chain-box--${kind}`} />
            <text x={x + boxW / 2} y={unit * 1.6} textAnchor="middle" fontSize={unit * 1.3} className={`mono ${kind} chain-box__pid`}>
              {pid}
            </text>
            <text x={x + boxW / 2} y={unit * 3} textAnchor="middle" fontSize={unit * 0.8} className="chain-box__label">
              {label(i)}
            </text>
            {i < chain.length - 1 && (
              <text x={x + boxW + arrow / 2} y={boxH / 2 + unit * 0.4} textAnchor="middle" fontSize={unit * 1.2} className="pid-arrow">
                →
              </text>
            )}
          </g>
        )
      })}
    </svg>
  )
}
