// The narrow bridge between the sandboxed renderer and the main process.
// It exposes nothing yet: the typed contract and its channels arrive with the delivery work,
// and until then the renderer has no way to reach Node or Electron at all.
export {}
