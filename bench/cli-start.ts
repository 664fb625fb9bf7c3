/**
 * How long the installed `atws` command takes to start: `atws --help` and `atws query` (up to its
 * first decision, here the missing credentials), median of 15 runs of the built bin, beside a bare
 * `node -e 0` from the same run. Target: under 300 ms (issue 12). Needs dist/ (`npm run build`).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../dist/runtime/cli/atws.js', import.meta.url));
if (!existsSync(bin)) throw new Error(`cli-start: ${bin} is missing; run npm run build`);
const RUNS = 15;

function medianMs(args: readonly string[]): number {
  const env = { ...process.env, ATWS_USERNAME: '', ATWS_PASSWORD: '' };
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    spawnSync(process.execPath, args, { env, stdio: 'ignore' });
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(RUNS / 2)] as number;
}

const bareMs = medianMs(['-e', '0']);
const helpMs = medianMs([bin, '--help']);
const queryMs = medianMs([bin, 'query', 'Ticket']);
console.log(JSON.stringify({ bench: 'cli-start', runs: RUNS, bareNodeMs: bareMs, helpMs, queryMs, targetMs: 300 }));
