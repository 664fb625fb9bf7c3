/**
 * `npm run bench`: runs every bench script as a child process, one after another (so that they do
 * not share cores), collects their `{"bench":...}` JSON lines, and prints one Markdown table: each
 * figure beside its reference from the same run (the bare saxes parse, the sequential schedule,
 * the first quarter of the soak) or its target, with the ratio. Written to stdout and to
 * bench/results/latest.md. `--readme` also puts the table into README.md between its
 * `bench-table` markers, so that the README shows exactly what one run printed. Other arguments go
 * to soak.ts (e.g. `npm run bench -- --minutes 2`).
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const SCRIPTS = [
  'codegen',
  'consumer-types',
  'simulator',
  'xml-decode',
  'streaming',
  'rest-streaming',
  'close-workflow',
  'rest-close-workflow',
  'export',
  'rest-export',
  'cli-start',
  'installed-size',
  'soak',
] as const;
type Figures = Record<string, unknown>;

function run(script: string, args: readonly string[]): Promise<{ lines: Figures[]; code: number | null; stderr: string; ms: number }> {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', join('bench', `${script}.ts`), ...args], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('close', (code) => {
      const lines = stdout
        .split('\n')
        .filter((l) => l.startsWith('{"bench":'))
        .map((l) => JSON.parse(l) as Figures);
      resolve({ lines, code, stderr, ms: performance.now() - started });
    });
  });
}

interface Row {
  readonly bench: string;
  readonly figure: string;
  readonly value: string;
  readonly reference: string;
  readonly ratio: string;
  readonly ok: string;
}

const num = (f: Figures, key: string): number | undefined => (typeof f[key] === 'number' ? (f[key] as number) : undefined);
const fmt = (x: number | undefined, unit: string): string => (x === undefined ? 'n/a' : `${Math.round(x * 10) / 10} ${unit}`);
const verdict = (ok: boolean | undefined): string => (ok === undefined ? '' : ok ? 'yes' : '**no**');

/** A figure beside a reference: ratio = value / reference; ok when the ratio (or the value) is within the limit. */
function versus(
  bench: string,
  figure: string,
  value: number | undefined,
  unit: string,
  reference: string,
  refValue: number | undefined,
  limit?: number,
): Row {
  const ratio = value !== undefined && refValue !== undefined && refValue > 0 ? value / refValue : undefined;
  return {
    bench,
    figure,
    value: fmt(value, unit),
    reference,
    ratio: ratio === undefined ? 'n/a' : `${Math.round(ratio * 100) / 100}${limit === undefined ? '' : ` (limit ${limit})`}`,
    ok: verdict(ratio === undefined || limit === undefined ? undefined : ratio <= limit),
  };
}

function rowsOf(f: Figures): Row[] {
  const b = String(f['bench']);
  switch (b) {
    case 'codegen':
      return [
        versus(
          b,
          'npm run codegen (both versions)',
          num(f, 'codegenMs'),
          'ms',
          `target ${fmt(num(f, 'codegenTargetMs'), 'ms')}`,
          num(f, 'codegenTargetMs'),
          1,
        ),
        versus(
          b,
          'tsc --noEmit over generated/',
          num(f, 'tscGeneratedMs'),
          'ms',
          `target ${fmt(num(f, 'tscTargetMs'), 'ms')}`,
          num(f, 'tscTargetMs'),
          1,
        ),
        {
          ...versus(b, 'size of generated/ (both versions)', (num(f, 'generatedBytes') ?? 0) / 1e6, 'MB', '', undefined),
          reference: `${String(f['generatedFiles'])} files, ${String(f['generatedLines'])} lines`,
        },
      ];
    case 'consumer-types': {
      // The bound is on the extra time over the @types/node baseline (paired round by round) as a
      // share of that baseline; TypeScript 7's figures carry a `ts7` prefix.
      const rows = (prefix: '' | 'ts7', compiler: string): Row[] => {
        const name = (figure: string): string => (prefix === '' ? figure : `${prefix}${figure[0]?.toUpperCase() ?? ''}${figure.slice(1)}`);
        const base = num(f, name('baselineMs'));
        if (base === undefined) return [];
        const limit = num(f, name('extraTargetRatio'));
        const extra = (paired: number | undefined, share: number | undefined): Pick<Row, 'ratio' | 'ok'> => ({
          ratio:
            paired === undefined || share === undefined
              ? 'n/a'
              : `${paired < 0 ? '' : '+'}${Math.round(paired)} ms, ${share.toFixed(3)} of the baseline (limit ${String(limit)})`,
          ok: verdict(share === undefined || limit === undefined ? undefined : share <= limit),
        });
        const reference = `@types/node baseline ${fmt(base, 'ms')} (${String(f[name('baselineFiles')])} files)`;
        return (['v16', 'v15'] as const).map((v) => ({
          ...versus(
            b,
            `consumer type-check, ${compiler}, atws + atws/${v === 'v16' ? 'v1_6' : 'v1_5'} (${String(f[name(`${v}Files`)])} files)`,
            num(f, name(`${v}Ms`)),
            'ms',
            reference,
            undefined,
          ),
          ...extra(num(f, name(`${v}ExtraMs`)), num(f, name(`${v}ExtraRatio`))),
        }));
      };
      return [...rows('', 'TS 5.9'), ...rows('ts7', 'TS 7')];
    }
    case 'simulator':
      return [
        versus(b, `start with ${String(f['tickets'])} tickets`, num(f, 'startMs'), 'ms', '', undefined),
        versus(
          b,
          'one 500-ticket page (median)',
          num(f, 'pageMsMedian'),
          'ms',
          `target ${fmt(num(f, 'pageTargetMs'), 'ms')}`,
          num(f, 'pageTargetMs'),
          1,
        ),
        versus(b, 'RSS', num(f, 'rssMb'), 'MB', `target ${fmt(num(f, 'rssTargetMb'), 'MB')}`, num(f, 'rssTargetMb'), 1),
      ];
    case 'xml-decode':
      return [
        versus(
          b,
          `decoder, ${String(f['entities'])} entities`,
          num(f, 'decoderMs'),
          'ms',
          `bare saxes parse ${fmt(num(f, 'saxesBareMs'), 'ms')}`,
          num(f, 'saxesBareMs'),
        ),
      ];
    case 'streaming':
      return [
        versus(
          b,
          `client CPU, ${String(f['tickets'])} tickets over HTTP`,
          num(f, 'clientCpuMs'),
          'ms',
          `bare saxes parse ${fmt(num(f, 'saxesCpuMs'), 'ms')}`,
          num(f, 'saxesCpuMs'),
          num(f, 'ratioLimit'),
        ),
        versus(
          b,
          `RSS growth, ${String(f['bigTickets'] ?? '?')} tickets streamed`,
          num(f, 'rssGrowthMb'),
          'MB',
          `limit ${fmt(num(f, 'rssLimitMb'), 'MB')}`,
          num(f, 'rssLimitMb'),
          1,
        ),
      ];
    case 'rest-streaming':
      return [
        versus(
          b,
          `client CPU, ${String(f['tickets'])} tickets over REST (${String(f['clientUsPerTicket'])} µs each)`,
          num(f, 'clientCpuMs'),
          'ms',
          `bare JSON.parse ${fmt(num(f, 'jsonParseCpuMs'), 'ms')}`,
          num(f, 'jsonParseCpuMs'),
        ),
      ];
    case 'close-workflow':
      return [
        versus(
          b,
          `close ${String(f['tickets'])} tickets, latency ${String(f['latencyMs'])} ms`,
          num(f, 'concurrentMs'),
          'ms',
          `sequential schedule ${fmt(num(f, 'sequentialMs'), 'ms')}`,
          num(f, 'sequentialMs'),
          num(f, 'ratioLimit'),
        ),
      ];
    case 'rest-close-workflow':
      return [
        versus(
          b,
          `close ${String(f['tickets'])} tickets over REST (one PATCH each, ${String(f['requests'])} requests), latency ${String(f['latencyMs'])} ms, thread limit ${String(f['concurrency'])}`,
          num(f, 'concurrentMs'),
          'ms',
          `one request after another ${fmt(num(f, 'sequentialMs'), 'ms')} (${String(f['sequentialRequests'])} requests)`,
          num(f, 'sequentialMs'),
          num(f, 'ratioLimit'),
        ),
      ];
    case 'export':
      return [
        versus(
          b,
          `partitioned export of ${String(f['tickets'])} tickets, latency ${String(f['latencyMs'])} ms, thread limit 3`,
          num(f, 'partitionedMs'),
          'ms',
          `same client paging sequentially ${fmt(num(f, 'sequentialMs'), 'ms')}`,
          num(f, 'sequentialMs'),
          num(f, 'ratioLimit'),
        ),
        versus(
          b,
          'RSS growth during the partitioned export',
          num(f, 'rssGrowthMb'),
          'MB',
          `limit ${fmt(num(f, 'rssLimitMb'), 'MB')}`,
          num(f, 'rssLimitMb'),
          1,
        ),
      ];
    case 'rest-export':
      return [
        versus(
          b,
          `partitioned export of ${String(f['tickets'])} tickets over REST (${String(f['restRequests'])} requests), latency ${String(f['latencyMs'])} ms, thread limit 3`,
          num(f, 'restMs'),
          'ms',
          `same export over SOAP ${fmt(num(f, 'soapMs'), 'ms')} (${String(f['soapRequests'])} requests)`,
          num(f, 'soapMs'),
        ),
      ];
    case 'cli-start':
      return [
        versus(
          b,
          `atws --help (built bin, median of ${String(f['runs'])}; bare node ${fmt(num(f, 'bareNodeMs'), 'ms')})`,
          num(f, 'helpMs'),
          'ms',
          `target ${fmt(num(f, 'targetMs'), 'ms')}`,
          num(f, 'targetMs'),
          1,
        ),
        versus(
          b,
          'atws query (start to its first decision: missing credentials)',
          num(f, 'queryMs'),
          'ms',
          `target ${fmt(num(f, 'targetMs'), 'ms')}`,
          num(f, 'targetMs'),
          1,
        ),
      ];
    case 'installed-size': {
      const mb = (key: string): number | undefined => (num(f, key) === undefined ? undefined : (num(f, key) as number) / 2 ** 20);
      return [
        versus(
          b,
          `npm install atws alone (${String(f['clientPackages'])} packages, install ${fmt(num(f, 'clientInstallMs'), 'ms')} from the cache)`,
          mb('clientBytes'),
          'MB',
          `target ${fmt(mb('targetBytes'), 'MB')}`,
          mb('targetBytes'),
          1,
        ),
        {
          ...versus(
            b,
            `with @atws/codegen and @atws/simulator (${String(f['withToolsPackages'])} packages, install ${fmt(num(f, 'toolsInstallMs'), 'ms')})`,
            mb('withToolsBytes'),
            'MB',
            '',
            undefined,
          ),
          ratio: 'n/a',
        },
      ];
    }
    case 'soak': {
      const first = num(f, 'rssFirstMb');
      return [
        {
          ...versus(
            b,
            `RSS, last quarter (${String(f['minutes'])} min, ${String(f['rounds'])} rounds)`,
            num(f, 'rssLastMb'),
            'MB',
            `first quarter ${fmt(first, 'MB')}`,
            first,
          ),
          ok: verdict(f['rssFlat'] as boolean | undefined),
        },
        {
          ...versus(
            b,
            'open sockets, last quarter',
            num(f, 'socketsLast'),
            '',
            `first quarter ${fmt(num(f, 'socketsFirst'), '')}`,
            num(f, 'socketsFirst'),
          ),
          ok: verdict(f['socketsFlat'] as boolean | undefined),
        },
        {
          ...versus(
            b,
            'event-loop delay p99, last quarter',
            num(f, 'delayP99LastMs'),
            'ms',
            `first quarter ${fmt(num(f, 'delayP99FirstMs'), 'ms')}`,
            num(f, 'delayP99FirstMs'),
          ),
          ok: verdict(f['delayFlat'] as boolean | undefined),
        },
      ];
    }
    default:
      return [{ bench: b, figure: 'unrecognised output', value: JSON.stringify(f).slice(0, 80), reference: '', ratio: '', ok: '' }];
  }
}

const writeReadme = process.argv.includes('--readme');
// `--only a,b` runs those benches alone (the table then holds their rows only: not for --readme).
const onlyAt = process.argv.indexOf('--only');
const only = onlyAt >= 0 ? (process.argv[onlyAt + 1] ?? '').split(',') : undefined;
if (only !== undefined && writeReadme) throw new Error('--only and --readme: the README table is written from a run of every bench');
const soakArgs = process.argv.slice(2).filter((arg, i, all) => arg !== '--readme' && arg !== '--only' && all[i - 1] !== '--only');
const rows: Row[] = [];
for (const script of SCRIPTS.filter((s) => only === undefined || only.includes(s))) {
  process.stderr.write(`bench ${script} ...\n`);
  const result = await run(script, script === 'soak' ? soakArgs : []);
  if (result.code !== 0 || result.lines.length === 0) {
    const reason = result.stderr.trim().split('\n').slice(-1)[0] ?? '';
    rows.push({
      bench: script,
      figure: `failed (exit ${String(result.code)})`,
      value: '',
      reference: reason.slice(0, 120).replace(/\|/g, '\\|'),
      ratio: '',
      ok: '**no**',
    });
    continue;
  }
  for (const line of result.lines) rows.push(...rowsOf(line));
  process.stderr.write(`bench ${script}: ${Math.round(result.ms / 1000)} s\n`);
}

const header = ['bench', 'figure', 'value', 'reference (same run)', 'ratio', 'ok'];
const table = [
  `| ${header.join(' | ')} |`,
  `| ${header.map(() => '---').join(' | ')} |`,
  ...rows.map((r) => `| ${[r.bench, r.figure, r.value, r.reference, r.ratio, r.ok].join(' | ')} |`),
].join('\n');
const text = `# Bench results\n\n${new Date().toISOString()}, Node ${process.version}\n\n${table}\n`;
process.stdout.write(text);
mkdirSync(join(root, 'bench', 'results'), { recursive: true });
writeFileSync(join(root, 'bench', 'results', 'latest.md'), text);

if (writeReadme) {
  const readmePath = join(root, 'README.md');
  const readme = readFileSync(readmePath, 'utf8');
  const start = '<!-- bench-table:start -->';
  const end = '<!-- bench-table:end -->';
  const from = readme.indexOf(start);
  const to = readme.indexOf(end);
  if (from < 0 || to < from) throw new Error(`README.md lacks the ${start} ... ${end} markers`);
  const stamp = `Measured by \`npm run bench -- --readme\` on ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${availableParallelism()} cores.`;
  writeFileSync(readmePath, `${readme.slice(0, from + start.length)}\n${stamp}\n\n${table}\n${readme.slice(to)}`);
}
