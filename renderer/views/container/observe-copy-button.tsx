// A button that copies a text (the suggested flags, a snippet) to the clipboard and says it did.
import { useState } from 'react'

export function CopyButton({ text, label }: { text: string; label: string }): React.JSX.Element {
  const [copied, setCopied] = useState<'no' | 'yes' | 'failed'>('no')
  const copy = async (): Promise<void> => {
    try {
      await navigator.clipboard.writeText(text)
      setCopied('yes')
    } catch {
      // No clipboard (plain http page, permission refused): the text stays selectable.
      setCopied('failed')
    }
  }
  return (
    <button type="button" className="observe-copy" aria-label={label} onClick={() => void copy()}>
      {copied === 'yes' ? 'Copied' : copied === 'failed' ? 'Select and copy' : 'Copy'}
    </button>
  )
}
