// A demo is data: what it runs (as Docker actions), what to look at, and what to say. The runner
// (main/demos) turns each action into Docker API calls, and docker-command.ts turns the same action
// into the `docker` command shown to the class, so what is shown is what runs.
import type { ViewId } from '../views'

/** A container a demo starts, by its role in the demo ('a', 'hog'): its name is derived from it. */
export interface ContainerRun {
  kind: 'run'
  role: string
  hostname?: string
  /** 'host', or another container of the same demo by role. */
  pid?: 'host' | { container: string }
  network?: 'none' | { container: string }
  ipc?: 'shareable' | { container: string }
  capAdd?: string[]
  capDrop?: string[]
  securityOpt?: string[]
  /** As the CLI takes it: '512MB', '32m'. */
  memory?: string
  memorySwap?: string
  cpus?: number
  cpusetCpus?: string
  pidsLimit?: number
  user?: string
  command: string[]
}

/** `docker exec <container> <command>`; the output and exit code are the step's result. */
export interface ContainerExec {
  kind: 'exec'
  container: string
  command: string[]
}

/** `docker wait <container>`: until it exits (a container killed at its limit). */
export interface ContainerWait {
  kind: 'wait'
  container: string
}

/** `docker diff <container>`: what the container wrote into its own writable layer. */
export interface ContainerDiff {
  kind: 'diff'
  container: string
}

/** `docker commit <container> <image>`: the container's layer becomes a new image layer. */
export interface ContainerCommit {
  kind: 'commit'
  container: string
  /** The tag of glasshouse-demo:<tag>. */
  tag: string
}

/** `docker history <image>`: the layers of the demo image, or of a committed one. */
export interface ImageHistory {
  kind: 'history'
  /** null: the demo image itself; else the tag of a committed image. */
  tag: string | null
}

/** `docker info`: the daemon's security options (is userns-remap on?). */
export interface DaemonInfo {
  kind: 'info'
}

/** `docker swarm init` on loopback, only when the daemon is in no swarm (and the teacher consented). */
export interface SwarmInit {
  kind: 'swarm-init'
}

/** `docker secret create <name> -`: a value Glasshouse generates at random and never prints. */
export interface SecretCreate {
  kind: 'secret-create'
  /** Short name; the secret's name is derived from it as a container's is from its role. */
  secret: string
}

/** `docker secret inspect`: what the daemon gives back about a secret (never its value). */
export interface SecretInspect {
  kind: 'secret-inspect'
  secret: string
}

/** `docker service create` of one replica with secrets as files in /run/secrets; waits until its task's container runs. */
export interface ServiceCreate {
  kind: 'service-create'
  role: string
  secrets: Array<{ secret: string; target: string; mode: number }>
  command: string[]
}

/** `docker exec` into the container of a service's task. */
export interface TaskExec {
  kind: 'task-exec'
  service: string
  command: string[]
}

/** `docker inspect` of a service's task container, searched for a secret's value (the JSON is not printed). */
export interface InspectForSecret {
  kind: 'inspect-for-secret'
  service: string
  secret: string
}

export type SwarmAction = SwarmInit | SecretCreate | SecretInspect | ServiceCreate | TaskExec | InspectForSecret

export type DemoAction = ContainerRun | ContainerExec | ContainerWait | ContainerDiff | ContainerCommit | ImageHistory | DaemonInfo | SwarmAction

export interface DemoStep {
  title: string
  actions: DemoAction[]
  /** Where the effect shows, and which container (by role) to highlight there. */
  look: { view: ViewId; container: string | null; what: string }
  /** Asked before the step runs. */
  predict: string
  /** Said after it ran. */
  reveal: string
  /** One line the class can try on its own machine. */
  tryIt: string
  /** true when an action of the step is expected to fail (chown under --cap-drop ALL). */
  expectFailure?: boolean
}

export interface Demo {
  id: string
  title: string
  /** The concept of the talk, in two or three sentences. */
  concept: string
  steps: DemoStep[]
  /** What cleanup removes, said to the class. */
  cleanup: string
  /** Asked before the first step runs: what the demo changes on the daemon beyond containers (a swarm). */
  consent?: DemoConsent
}

export interface DemoConsent {
  /** What is agreed to; the CLI's flag is --allow-<what>. */
  what: 'swarm-init'
  /** The sentence the teacher confirms. */
  text: string
}

/** What the renderer and the CLI list: a demo with every step's commands written out. */
export interface DemoListing {
  id: string
  title: string
  concept: string
  cleanup: string
  consent?: DemoConsent
  steps: Array<Omit<DemoStep, 'actions'> & { commands: string[] }>
}

export interface ActionResult {
  command: string
  exitCode: number | null
  output: string
}

export interface StepResult {
  demoId: string
  step: number
  actions: ActionResult[]
  /** Container ids by role, for the views to highlight. */
  containers: Record<string, string>
  /** Said while it happened: the image built, leftovers removed. */
  notes: string[]
  /** true when every action did what the step expects (see DemoStep.expectFailure). */
  asExpected: boolean
}
