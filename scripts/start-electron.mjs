// `npm start`: launch the built app in Electron, or say clearly why it cannot start here.
import { spawn } from 'node:child_process'
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
let electronPath
try {
  // On a normal machine this resolves (and on first use downloads) Electron's binary.
  electronPath = require('electron')
} catch (error) {
  process.stderr.write(
    `Glasshouse: Electron's binary is not available (${error instanceof Error ? error.message.split('\n')[0] : error}).\n` +
      'On machines that cannot download it, use the command line instead:\n' +
      '  npx glasshouse snapshot         # every container, as text\n' +
      '  npx glasshouse snapshot --json  # the whole snapshot as JSON\n'
  )
  process.exit(1)
}
const child = spawn(electronPath, ['.'], { stdio: 'inherit' })
child.on('exit', (code) => process.exit(code ?? 0))
