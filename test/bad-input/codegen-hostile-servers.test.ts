/**
 * `atws codegen pull` against servers that misbehave on purpose, as real HTTP peers on 127.0.0.1:
 * one that never answers, one whose WSDL or answer never ends, one that answers malformed XML
 * (small, nested without end, or huge garbage). Each must end in a clear error naming the URL, in
 * bounded time and memory: the WSDL read and every SOAP call have a timeout (`--timeout`) and a size
 * limit (`--max-answer-mb`), and an answer is checked as it streams in.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CodegenError } from '../../codegen/codegen-error.js';
import { pullLiveMetadata } from '../../codegen/live-metadata.js';
import { pull } from '../../codegen/pull.js';
import { startSimulator, type RunningSimulator } from '../../simulator/index.js';
import { projectRoot } from '../support/shared.js';
import { makeTempDir } from '../unit/codegen/codegen-temp.js';

const input = join(projectRoot, 'test', 'golden', 'codegen', 'input');
const SOAP_START = '<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>';

let server: http.Server;
let base: string;
let sim: RunningSimulator;
let temp: { path: string; remove: () => Promise<void> };
/** The simulator's WSDL as a file: a live pull's SOAP calls go to the hostile server, its WSDL is read locally. */
let wsdlFile: string;
/** Bytes each mode wrote before the client hung up (or it finished). */
const written = new Map<string, number>();

/** Writes `chunk` until the peer hangs up or `limit` bytes went out, then ends with `end`. */
function pump(mode: string, res: http.ServerResponse, start: string, chunk: string, limit: number, end = ''): void {
  res.writeHead(200, { 'Content-Type': 'text/xml; charset=utf-8' });
  res.write(start);
  let sent = start.length;
  let closed = false;
  res.on('close', () => {
    closed = true;
    written.set(mode, sent);
  });
  const go = (): void => {
    while (!closed && sent < limit) {
      sent += chunk.length;
      if (!res.write(chunk)) return void res.once('drain', go);
    }
    if (!closed) res.end(end);
  };
  go();
}

const MODES: Record<string, (req: http.IncomingMessage, res: http.ServerResponse) => void> = {
  // Takes the request and never answers.
  silent: () => undefined,
  // An answer of 100 MB, never closed (endless as far as a 1 MiB limit goes; a WSDL or a SOAP answer alike).
  endless: (_req, res) => pump('endless', res, SOAP_START, `<Padding>${'x'.repeat(65_000)}</Padding>`, 100_000_000),
  malformed: (_req, res) =>
    res
      .writeHead(200, { 'Content-Type': 'text/xml' })
      .end(`${SOAP_START}<getEntityInfoResponse><x></y></getEntityInfoResponse></soap:Body></soap:Envelope>`),
  text: (_req, res) => res.writeHead(200, { 'Content-Type': 'text/xml' }).end('Service Unavailable, come back later'),
  // 40 MB of nested elements: under the 64 MiB size limit, and far deeper than any real answer.
  deep: (_req, res) => pump('deep', res, SOAP_START, '<a>'.repeat(10_000), 40_000_000, '</soap:Body></soap:Envelope>'),
  // 300 MB of garbage after a well-formed start: refused at the first malformed byte.
  garbage: (_req, res) => pump('garbage', res, `${SOAP_START}<getEntityInfoResponse>`, '<<<>>>&&&'.repeat(10_000), 300_000_000),
};

before(async () => {
  temp = await makeTempDir('codegen-hostile');
  sim = await startSimulator({ tickets: 1 });
  wsdlFile = join(temp.path, 'atws.wsdl');
  await writeFile(wsdlFile, await (await fetch(sim.wsdlUrl('1.6'))).text());
  server = http.createServer((req, res) => {
    const mode = (req.url ?? '/').split('/')[1] ?? '';
    req.resume();
    req.on('end', () => (MODES[mode] ?? ((_q, r) => r.writeHead(404).end()))(req, res));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await sim.close();
  await temp.remove();
});

const failure = <T>(pending: Promise<T>): Promise<unknown> =>
  pending.then(
    () => undefined,
    (e: unknown) => e,
  );

/** Pulls the WSDL from `mode` (offline metadata). */
function pullWsdl(mode: string, limits?: { timeoutMs: number; maxAnswerBytes: number }): Promise<unknown> {
  return failure(
    pull({
      wsdl: `${base}/${mode}/atservices/1.6/atws.wsdl`,
      metadata: { file: join(input, 'mini-fieldinfo.json') },
      restrictToWsdl: false,
      outDir: join(temp.path, mode),
      report: () => undefined,
      ...(limits === undefined ? {} : { limits }),
    }),
  );
}

/** A live pull whose SOAP calls go to `mode` (the WSDL is the simulator's, from a file). */
function pullLive(mode: string, limits?: { timeoutMs: number; maxAnswerBytes: number }): Promise<unknown> {
  return failure(
    pullLiveMetadata({
      endpoint: `${base}/${mode}/atservices/1.6/atws.asmx`,
      wsdl: wsdlFile,
      credentials: { username: sim.options.username, password: sim.options.password },
      ...(limits === undefined ? {} : { limits }),
    }),
  );
}

function assertCodegenError(error: unknown, pattern: RegExp): void {
  assert.ok(error instanceof CodegenError, `expected a CodegenError, got ${String(error)}`);
  assert.match(error.message, pattern);
  assert.doesNotMatch(error.message, /\[object Object\]/);
}

describe('codegen pull against hostile servers', { timeout: 240_000 }, () => {
  it('a silent endpoint: the WSDL read and a SOAP call end at the timeout, naming the URL', { timeout: 30_000 }, async () => {
    const limits = { timeoutMs: 400, maxAnswerBytes: 64 * 1024 * 1024 };
    assertCodegenError(
      await pullWsdl('silent', limits),
      /^http:\/\/127\.0\.0\.1:\d+\/silent\/atservices\/1\.6\/atws\.wsdl: GET: no complete answer within 400 ms/,
    );
    assertCodegenError(
      await pullLive('silent', limits),
      /^http:\/\/127\.0\.0\.1:\d+\/silent\/atservices\/1\.6\/atws\.asmx: [Gg]etEntityInfo: no complete answer within 400 ms/,
    );
  });

  it('an endless WSDL and an endless answer are cut off at the size limit, naming the URL, never read whole', { timeout: 30_000 }, async () => {
    const limits = { timeoutMs: 30_000, maxAnswerBytes: 1024 * 1024 };
    for (const [what, run, pattern] of [
      ['the WSDL', () => pullWsdl('endless', limits), /\/endless\/atservices\/1\.6\/atws\.wsdl: GET: the answer is larger than 1,048,576 bytes/],
      [
        'getEntityInfo',
        () => pullLive('endless', limits),
        /\/endless\/atservices\/1\.6\/atws\.asmx: [Gg]etEntityInfo: the answer is larger than 1,048,576 bytes/,
      ],
    ] as const) {
      written.delete('endless');
      assertCodegenError(await run(), pattern);
      // The client hung up: the server got nowhere near writing a large answer (socket buffers aside).
      await new Promise((resolve) => setTimeout(resolve, 50));
      const sent = written.get('endless') ?? 0;
      assert.ok(sent < 16 * 1024 * 1024, `${what}: the server wrote ${sent} bytes before the client hung up`);
    }
  });

  it('a malformed answer is named as such, with the start of the answer, never [object Object]', { timeout: 30_000 }, async () => {
    assertCodegenError(
      await pullLive('malformed'),
      /\/malformed\/atservices\/1\.6\/atws\.asmx: [Gg]etEntityInfo: the answer is not well-formed XML \(1:\d+: .*\): "<\?xml/,
    );
    assertCodegenError(
      await pullLive('text'),
      /\/text\/atservices\/1\.6\/atws\.asmx: [Gg]etEntityInfo: the answer is not well-formed XML \(.*\): "Service Unavailable/,
    );
    assertCodegenError(await pullWsdl('text'), /\/text\/atservices\/1\.6\/atws\.wsdl: GET: the answer is not well-formed XML/);
  });

  it('huge malformed answers fail fast in bounded memory: 40 MB of nesting, 300 MB of garbage', { timeout: 30_000 }, async () => {
    for (const mode of ['deep', 'garbage']) {
      written.delete(mode);
      const heapBefore = process.memoryUsage().heapUsed;
      const error = await pullLive(mode);
      assertCodegenError(
        error,
        mode === 'deep'
          ? /[Gg]etEntityInfo: the answer is not well-formed XML \(.*nested deeper than 256 elements.*\)/
          : /[Gg]etEntityInfo: the answer is not well-formed XML/,
      );
      await new Promise((resolve) => setTimeout(resolve, 50));
      const sent = written.get(mode) ?? 0;
      assert.ok(sent < 16 * 1024 * 1024, `${mode}: the server wrote ${sent} bytes before the client hung up`);
      const grown = (process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024;
      assert.ok(grown < 100, `${mode}: the heap grew by ${grown.toFixed(0)} MB`);
    }
    // The WSDL read checks the same way.
    assertCodegenError(
      await pullWsdl('deep'),
      /\/deep\/atservices\/1\.6\/atws\.wsdl: GET: the answer is not well-formed XML \(.*nested deeper than 256 elements/,
    );
  });

  it('atws codegen pull --timeout and --max-answer-mb set the limits', { timeout: 120_000 }, async () => {
    const run = (args: string[]): Promise<{ code: number | null; stderr: string }> =>
      new Promise((resolve) => {
        const child = spawn(process.execPath, ['--import', 'tsx', join(projectRoot, 'runtime', 'cli', 'atws.ts'), 'codegen', 'pull', ...args], {
          cwd: temp.path,
          stdio: ['ignore', 'ignore', 'pipe'],
        });
        let stderr = '';
        child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
        child.on('exit', (code) => resolve({ code, stderr }));
      });
    const silent = await run(['--url', `${base}/silent/atservices/1.6/atws.asmx`, '--timeout', '0.5']);
    assert.equal(silent.code, 1, silent.stderr);
    assert.match(
      silent.stderr,
      /CodegenError: http:\/\/127\.0\.0\.1:\d+\/silent\/atservices\/1\.6\/atws\.(wsdl|asmx): GET: no complete answer within 500 ms \(--timeout\)/,
    );
    const endless = await run(['--url', `${base}/endless/atservices/1.6/atws.asmx`, '--max-answer-mb', '2']);
    assert.equal(endless.code, 1, endless.stderr);
    assert.match(endless.stderr, /GET: the answer is larger than 2,097,152 bytes \(--max-answer-mb\)/);
    const wrong = await run(['--url', `${base}/silent/atservices/1.6/atws.asmx`, '--timeout', 'soon']);
    assert.equal(wrong.code, 1);
    assert.match(wrong.stderr, /--timeout: "soon" is not a number of seconds/);
  });
});
