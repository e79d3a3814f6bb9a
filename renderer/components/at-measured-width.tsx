// A box that draws its picture once its width is known (measured before the first paint), never
// first at a guessed width: a big picture is laid out and drawn once, at its real size.
import { useRef } from 'react'
import { useMeasuredWidth } from '../hooks/use-element-width'

interface Props extends Omit<React.HTMLAttributes<HTMLDivElement>, 'children'> {
  children: (width: number) => React.ReactNode
}

export function AtMeasuredWidth({ children, ...box }: Props): React.JSX.Element {
  const ref = useRef<HTMLDivElement>(null)
  const width = useMeasuredWidth(ref)
  return (
    <div ref={ref} {...box}>
      {width !== null && children(width)}
    </div>
  )
}
