/**
 * What every bench script reads from its command line and how it charges CPU time, in one place
 * so that rows measured by different scripts count the same way.
 */

/** The number after `name` on the command line, or `fallback` when the flag is absent. */
export function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

/** The word after `name` on the command line, or `fallback` when the flag is absent. */
export function textArg(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}

/** User and system CPU of this process since `start`, in milliseconds. */
export function cpuMs(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

/** User-mode CPU only: the client's own code, without the kernel's loopback TCP work charged to it. */
export function userMs(start: NodeJS.CpuUsage): number {
  return process.cpuUsage(start).user / 1000;
}
