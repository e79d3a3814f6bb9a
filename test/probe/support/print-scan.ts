// Child-process entry for tests: scan the given proc root and print the result as JSON.
import { scanProcesses } from '../../../main/probe/process-scan'

process.stdout.write(JSON.stringify({ uid: process.getuid?.() ?? -1, pid: process.pid, scan: scanProcesses(process.argv[2] ?? '/proc') }))
