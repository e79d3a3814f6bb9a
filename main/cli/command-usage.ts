// The usage text of each command. Kept apart from the commands themselves so `glasshouse --help` and the
// command list can be printed without loading any command's code (each command is its own chunk, loaded
// only when it runs: see run.ts).
import { MAX_INTERVAL_MS, MIN_INTERVAL_MS } from '../live/sample-interval'
import { ENGINE_USAGE } from './parse-options'

export const SNAPSHOT_USAGE = `Options for snapshot:
  --json              print the whole snapshot as one JSON document
  --no-engine         do not ask the Docker daemon; show the kernel's view only
  --proc-root DIR     read processes from DIR instead of /proc
  --cgroup-root DIR   read cgroups from DIR instead of /sys/fs/cgroup
  --probe WHICH       how the kernel is read: local (this process), helper (a container
                      next to the containers, for non-root users) or auto (default: local
                      when root on the daemon's own kernel, else helper)
  --print-helper-command  print the docker run command of the helper container and exit
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
  -H, --host URL      the same as --docker-host
${ENGINE_USAGE}`

export const SERVE_USAGE = `Options for serve:
  --port N            listen on port N (default: a free port)
  --host ADDR         listen on ADDR instead of 127.0.0.1; anything but loopback
                      exposes this host's containers to the network (a warning is printed)
  --no-open           accepted for scripts; serve never opens a browser anyway
  --probe WHICH       how the kernel is read: local (this process), helper (a container
                      next to the containers, for non-root users) or auto (default: local
                      when root on the daemon's own kernel, else helper)
${ENGINE_USAGE}  The address printed on stdout carries a fresh token after #: open it in a browser on this
  machine, or through a tunnel (ssh -L 8080:127.0.0.1:PORT host, then use port 8080 in the address).
`
