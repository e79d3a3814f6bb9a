import type { Demo } from './types'

export const imageLayers: Demo = {
  id: 'image-layers',
  title: 'Image layers and the container layer',
  concept:
    'An image is a stack of read-only layers, each the difference from the one below. A container adds one writable layer on top; docker commit turns that layer into a new image layer.',
  steps: [
    {
      title: 'The layers of the demo image',
      actions: [{ kind: 'history', tag: null }],
      look: { view: 'container', container: null, what: 'the history printed beside' },
      predict: 'This image was made by importing one tar of busybox. How many layers?',
      reveal: 'One: an import makes a single layer. An image built from a Dockerfile has one per instruction that changes files.',
      tryIt: 'docker history busybox'
    },
    {
      title: 'A container writes a file: its own layer',
      actions: [
        { kind: 'run', role: 'writer', command: ['sh', '-c', 'mkdir /greetings && echo hello > /greetings/fromMe.txt && sleep 3600'] },
        { kind: 'diff', container: 'writer' }
      ],
      look: { view: 'container', container: 'writer', what: 'its root mount: an overlay with the writable layer on top' },
      predict: 'Where does the new file go: into the image?',
      reveal: 'Into the container\'s writable layer: docker diff lists it (A = added). The image is unchanged; removing the container discards the file.',
      tryIt: 'docker run --name w busybox touch /hello; docker diff w'
    },
    {
      title: 'Commit the container layer as a new image',
      actions: [
        { kind: 'commit', container: 'writer', tag: 'layered' },
        { kind: 'history', tag: 'layered' }
      ],
      look: { view: 'container', container: 'writer', what: 'the history: one more layer on top' },
      predict: 'How many layers has the new image?',
      reveal: 'Two: the busybox layer, shared, not copied, and the new one with /greetings. This is what each Dockerfile instruction does.',
      tryIt: 'docker commit w mine; docker history mine'
    }
  ],
  cleanup: 'Removes writer and the committed image.'
}
