// The helper's program when its image brings its own Node and nothing of this machine is bound in:
// `node -e HELPER_LOADER`. It reads the length-prefixed bundle (helper-bundle.ts) from stdin into memory,
// runs its entry with a require that takes relative paths from the bundle and anything else from Node
// (built-ins), and hands the rest of stdin, unread, to the helper's NDJSON command reader. It is shown to
// the user inside the docker run command, so it stays short and readable; no single quotes (the shell
// quoting of that command).
export const HELPER_LOADER = `const vm = require("vm"), path = require("path").posix;
const stdin = process.stdin;
let held = Buffer.alloc(0), size = -1;
function take(chunk) {
  held = Buffer.concat([held, chunk]);
  if (size < 0) {
    const eol = held.indexOf(10);
    if (eol < 0) return;
    size = Number(held.subarray(0, eol));
    if (!Number.isSafeInteger(size)) throw new Error("stdin does not start with a glasshouse helper bundle");
    held = held.subarray(eol + 1);
  }
  if (held.length < size) return;
  stdin.off("data", take);
  stdin.pause();
  const bundle = JSON.parse(held.subarray(0, size).toString()), rest = held.subarray(size);
  held = null;
  if (rest.length) stdin.unshift(rest);
  const loaded = {};
  const load = (name) => {
    if (loaded[name]) return loaded[name].exports;
    if (!(name in bundle.files)) throw new Error(name + " is not in the helper bundle");
    const module = (loaded[name] = { exports: {} }), file = "/glasshouse/" + name;
    const dir = path.dirname(name);
    const own = (id) => (id.startsWith(".") ? load(path.join(dir, id)) : require(id));
    const params = ["exports", "require", "module", "__filename", "__dirname"];
    const run = vm.compileFunction(bundle.files[name], params, { filename: file });
    run(module.exports, own, module, file, path.dirname(file));
    return module.exports;
  };
  load(bundle.entry);
}
stdin.on("data", take);
stdin.on("end", () => {
  if (!held) return;
  console.error("stdin ended before the helper bundle did");
  process.exitCode = 1;
});`
