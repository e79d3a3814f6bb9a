// Child-process entry for tests: read the real kernel log once and print what the reader made of it.
import { KmsgReader } from '../../../main/kernel/kmsg-reader'

const reader = new KmsgReader()
const { kills, problem } = reader.read()
reader.close()
process.stdout.write(JSON.stringify({ uid: process.getuid?.() ?? -1, kills: kills.length, problem }))
