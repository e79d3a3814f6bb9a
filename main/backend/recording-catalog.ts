// The recordings a backend offers: files the user named when starting it (first: they are what
// was asked for), then those shipped with the app. A recording is opened by its name from this
// list only, so a request can never make the backend read a path of its choosing.
import type { Recording, RecordingInfo } from '../../shared/contract'
import { BackendError } from './backend'
import { describeRecordingFile, fileRecordingName, listRecordings, openRecording, openRecordingFile } from './recordings'

export class RecordingCatalog {
  private readonly files: Array<{ name: string; path: string; info: RecordingInfo }>

  /** Reads each file once to describe it; throws BackendError when one cannot be opened at all. */
  constructor(
    private readonly shippedDir: string | null,
    paths: readonly string[]
  ) {
    this.files = paths.map((path, index) => {
      const name = fileRecordingName(path, index)
      return { name, path, info: describeRecordingFile(path, name) }
    })
  }

  /** The first file named at start, for the page to open instead of the live view. */
  openAtStart(): { openRecording?: string } {
    const first = this.files[0]
    return first ? { openRecording: first.name } : {}
  }

  list(): RecordingInfo[] {
    return [...this.files.map((f) => f.info), ...(this.shippedDir === null ? [] : listRecordings(this.shippedDir))]
  }

  open(name: string): Recording {
    const file = this.files.find((f) => f.name === name)
    if (file) return openRecordingFile(file.path, name)
    if (this.shippedDir === null) throw new BackendError('not-found', `no recording named "${name}": the shipped recordings were not found`)
    return openRecording(name, this.shippedDir)
  }
}
