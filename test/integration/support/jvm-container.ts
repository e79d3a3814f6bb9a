// A real JVM in the busybox test image: the host's OpenJDK 17 and what it needs, bound read-only.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, realpathSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { libraryBinds, type Bind } from '../../../main/kernel/helper-binds'
import { docker } from './docker'

export const JRE = '/usr/lib/jvm/java-17-openjdk-amd64'
export const JAVA = join(JRE, 'bin/java')
/** The JVM tests need the host's JRE (.ci/run installs openjdk-17-jre-headless): fail plainly without it. */
export function assertJava(): void {
  if (!existsSync(JAVA)) throw new Error(`${JAVA} is missing: install openjdk-17-jre-headless (the JVM tests bind the host's JRE)`)
}

/** Runs as `java /app/Report.java`: prints its processor count once up, then sleeps. */
const REPORT_JAVA =
  'public class Report { public static void main(String[] a) throws Exception {\n' +
  '  System.out.println("availableProcessors=" + Runtime.getRuntime().availableProcessors());\n' +
  '  System.out.flush();\n' +
  '  Thread.sleep(Long.MAX_VALUE);\n' +
  '} }\n'

export interface JvmKit {
  /** docker run arguments: -v … for every bind. */
  binds: string[]
  /** The java command that runs the program, with extra JVM options before it. */
  command: (javaOptions: string[]) => string[]
  remove: () => void
}

/**
 * The JRE folder, the folder its symlinks point into (/etc/java-17-openjdk on Debian), the shared libraries
 * of the launcher and of every library in the JRE (as ldd names them), an /etc/passwd naming root (without
 * one HotSpot cannot name its user and writes no hsperfdata file) and the program.
 */
export function jvmKit(): JvmKit {
  const work = mkdtempSync(join(tmpdir(), 'glasshouse-jvm-'))
  writeFileSync(join(work, 'passwd'), 'root:x:0:0:root:/root:/bin/sh\n')
  mkdirSync(join(work, 'app'))
  writeFileSync(join(work, 'app', 'Report.java'), REPORT_JAVA)
  const jre = realpathSync(JRE)
  const libraries = [JAVA, join(jre, 'lib/server/libjvm.so'), ...readdirSync(join(jre, 'lib')).filter((f) => f.endsWith('.so')).map((f) => join(jre, 'lib', f))]
  const binds = new Map<string, Bind>()
  for (const lib of libraries) for (const b of libraryBinds(lib)) if (!b.target.startsWith(jre)) binds.set(b.target, b)
  binds.set(jre, { source: jre, target: jre })
  binds.set('/etc/java-17-openjdk', { source: '/etc/java-17-openjdk', target: '/etc/java-17-openjdk' })
  binds.set('/etc/passwd', { source: join(work, 'passwd'), target: '/etc/passwd' })
  binds.set('/app', { source: join(work, 'app'), target: '/app' })
  return {
    binds: [...binds.values()].flatMap((b) => ['-v', `${b.source}:${b.target}:ro`]),
    command: (javaOptions) => [JAVA, ...javaOptions, '/app/Report.java'],
    remove: () => rmSync(work, { recursive: true, force: true })
  }
}

/** Waits for the program's line: the JVM is up (and its hsperfdata file written) when it prints it. */
export async function availableProcessors(name: string): Promise<number> {
  for (;;) {
    const match = /availableProcessors=(\d+)/.exec(docker('logs', name))
    if (match) return Number(match[1])
    if (docker('inspect', '-f', '{{.State.Running}}', name) !== 'true') throw new Error(`${name} stopped: ${docker('logs', name)}`)
    await new Promise((r) => setTimeout(r, 250))
  }
}
