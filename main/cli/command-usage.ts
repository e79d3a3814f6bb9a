// The usage text of each command. Kept apart from the commands themselves so `glasshouse --help` and the
// command list can be printed without loading any command's code (each command is its own chunk, loaded
// only when it runs: see run.ts).
import { MAX_INTERVAL_MS, MIN_INTERVAL_MS } from '../live/sample-interval'
import { ENGINE_USAGE } from './parse-options'

export const HELPER_IMAGE_USAGE = `  --helper-image IMAGE  run the helper container from IMAGE (it must have node on its PATH;
                      default: GLASSHOUSE_HELPER_IMAGE, else an empty image with this host's
                      Node bound in, or for a daemon on another kernel the official Node image)
  --pull-helper-image allow pulling the helper image when the daemon does not have it
`

export const SNAPSHOT_USAGE = `Options for snapshot:
  --json              print the whole snapshot as one JSON document
  --no-engine         do not ask the Docker daemon; show the kernel's view only
  --proc-root DIR     read processes from DIR instead of /proc
  --cgroup-root DIR   read cgroups from DIR instead of /sys/fs/cgroup
  --probe WHICH       how the kernel is read: local (this process), helper (a container
                      next to the containers, for non-root users) or auto (default: local
                      when root on the daemon's own kernel, else helper)
  --seccomp-filters   also read each running container's live seccomp filters (ptrace, needs
                      root; stops each read process for well under a millisecond) and decode
                      them per system call; never done without this flag. When a helper reads
                      the kernel, a second, short-lived helper (SYS_PTRACE, SYS_ADMIN, no
                      seccomp of its own) does the read and is removed right after
  --from FILE         print the host as the recording FILE shows it (glasshouse record), or
                      a snapshot file; nothing is read from this host
  --at TIME           with --from: that far into the recording (e.g. 30s, 2m; default: its end)
${HELPER_IMAGE_USAGE}  --print-helper-command  print the docker run command of the helper container and exit
  --changes           also ask Docker what each running container changed against its
                      image (the daemon walks every writable layer: slower)
  -H, --host URL      the same as --docker-host
${ENGINE_USAGE}`

export const WATCH_USAGE = `Options for watch:
  --json              one JSON message per line: a snapshot, then patch, sample and event lines
  --interval DURATION sampling interval, ${MIN_INTERVAL_MS}ms to ${MAX_INTERVAL_MS / 1000}s (e.g. 500ms, 2s; default 1s)
  --count N           stop after N samples (default: run until Ctrl-C)
  --no-engine         do not ask the Docker daemon; show the kernel's view only
  --probe WHICH       how the kernel is read: local (this process), helper (a container
                      next to the containers, for non-root users) or auto (default: local
                      when root on the daemon's own kernel, else helper)
${HELPER_IMAGE_USAGE}  -H, --host URL      the same as --docker-host
${ENGINE_USAGE}`

export const SERVE_USAGE = `Options for serve:
  --port N            listen on port N (default: a free port)
  --host ADDR         listen on ADDR instead of 127.0.0.1; anything but loopback
                      exposes this host's containers to the network (a warning is printed)
  --no-open           accepted for scripts; serve never opens a browser anyway
  --recording FILE    open the recording FILE (glasshouse record) in the page at start; it is
                      also listed under Recordings (repeat for more files). The page can open
                      only the files named here, never a path of its own
  --probe WHICH       how the kernel is read: local (this process), helper (a container
                      next to the containers, for non-root users) or auto (default: local
                      when root on the daemon's own kernel, else helper)
${HELPER_IMAGE_USAGE}${ENGINE_USAGE}  The address printed on stdout carries a fresh token after #: open it in a browser on this
  machine, or through a tunnel (ssh -L 8080:127.0.0.1:PORT host, then use port 8080 in the address).
`

export const RECORD_USAGE = `Options for record:
  -o, --output FILE   write the recording to FILE (NDJSON: a header line, then what watch --json
                      prints, then a line saying why it ended); an existing FILE is replaced
  --for TIME          stop after TIME (e.g. 30s, 10m, 1h; default: run until Ctrl-C)
  --max-size SIZE     stop before the file would pass SIZE (e.g. 500K, 50M, 1G; default 50M):
                      the file then ends complete at the last message that fit
  --interval DURATION sampling interval, ${MIN_INTERVAL_MS}ms to ${MAX_INTERVAL_MS / 1000}s (default 1s)
  --no-engine         do not ask the Docker daemon; record the kernel's view only
  --probe WHICH       how the kernel is read: local, helper or auto (as for watch)
  -H, --host URL      the same as --docker-host
${ENGINE_USAGE}  Progress (time, size, events) goes to stderr every 10 s. Ctrl-C ends the recording cleanly.
`

export const DIFF_USAGE = `Usage: glasshouse diff A B [--json]
  A and B are each a snapshot (snapshot --json > FILE), a recording (its last moment), or a moment
  of a recording: FILE@30s, FILE@2m, FILE@0 (its first snapshot).
  --json              print the differences as one JSON document
  Lists containers added and removed and, per container, what changed: image, state, limits,
  capabilities, namespaces (own or shared), mounts and processes (by command).
`

export const HELPER_BUNDLE_USAGE = `Options for helper-bundle:
  -o, --output FILE   write the helper's files to FILE (default: stdout); the helper container of an
                      image with its own node reads them from stdin (see snapshot --print-helper-command)
`

export const OBSERVE_USAGE = `Options for observe (glasshouse observe <container> [options]; needs root: it uses tracefs):
  --for DURATION      how long to watch (e.g. 30s, 5m; default 60s); Ctrl-C ends the window early
  --all               watch every running container at once, and those started during the window
                      (one trace instance); prints a summary, most over-privileged first, then each
                      container as for one; with --profile-out DIR, one profile per container in DIR
  --json              print the observation, the suggestion and the verification as one JSON document
  --verify            run the container's command again in a new container with the suggested
                      flags and seccomp profile, and say whether it behaves the same (removed after)
  --profile-out FILE  write the suggested seccomp profile (Docker's JSON format) to FILE
  --no-syscalls       watch capability checks only
  --count-syscalls    count every system call (by default each one is recorded once, then its
                      trace event is switched off: counts are "at least once" but the container keeps
                      its speed; counting every call slows a syscall-heavy container down a lot)
${ENGINE_USAGE}`

export const DEMO_USAGE = `Usage of demo (the classroom demos; each starts containers only when run):
  glasshouse demo list                 the demos, in the order of the talk
  glasshouse demo run NAME [options]   run a demo's steps, printing each docker command and its output
    --step            wait for Enter before each step
    --keep            leave the containers when done (glasshouse demo clean removes them)
    --allow-swarm-init
                      agree that swarm-secret initialises a single-node swarm (on 127.0.0.1) when the
                      daemon is in none, and leaves it at the end (the demo refuses to start without it)
    --tag WORD        add WORD to the container names (two runs of one demo side by side)
    --label KEY=VALUE another label on what the demo creates (repeatable)
  glasshouse demo clean                remove every container, image, service and secret labelled glasshouse.demo,
                                       and leave a swarm a demo initialised
${ENGINE_USAGE}`
