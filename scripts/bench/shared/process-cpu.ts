// CPU time of other processes on this machine (Linux /proc), so a bench can say where a side's
// time went: in the API's process, in MariaDB's, or in its own. On a shared 2-core machine the
// throughput of either side moves with whatever else runs; CPU per mark moves much less.
import { readFileSync, readdirSync } from 'node:fs';

const TICK_MS = 10; // USER_HZ is 100 on Linux

/** User and system CPU used so far by process `pid`, in ms, or null where /proc cannot tell. */
export function processCpuMs(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    // The command name (field 2) may hold spaces: count the fields after its closing parenthesis.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return null;
  }
}

/**
 * The id of the running process whose command name is one of `names` (mariadbd, mysqld) and which
 * started first: the machine's own server, not one in a container started since (a compose check).
 */
export function findProcess(names: string[]): number | undefined {
  let found: number | undefined;
  try {
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        if (names.includes(readFileSync(`/proc/${entry}/comm`, 'utf8').trim()) && (found === undefined || startTicks(Number(entry)) < startTicks(found)))
          found = Number(entry);
      } catch {
        /* ended meanwhile */
      }
    }
  } catch {
    /* no /proc */
  }
  return found;
}

/** When a process started, in clock ticks after boot (field 22 of /proc/PID/stat). */
function startTicks(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]);
}
