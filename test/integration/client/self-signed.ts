/**
 * A throwaway self-signed certificate for 127.0.0.1, made with `openssl` when a test needs one, so
 * that no private key is ever committed. The files live in a temp dir removed at once.
 */
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface KeyAndCertificate {
  readonly key: Buffer;
  readonly cert: Buffer;
}

export function makeSelfSignedCertificate(): KeyAndCertificate {
  const dir = mkdtempSync(join(tmpdir(), 'atws-tls-'));
  try {
    const key = join(dir, 'key.pem');
    const cert = join(dir, 'cert.pem');
    const made = spawnSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        key,
        '-out',
        cert,
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
      ],
      { encoding: 'utf8' },
    );
    if (made.error !== undefined) throw new Error(`making a test certificate needs openssl on the PATH: ${made.error.message}`);
    if (made.status !== 0) throw new Error(`openssl could not make a test certificate: ${made.stderr}`);
    return { key: readFileSync(key), cert: readFileSync(cert) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface TlsFront {
  /** The 1.6 asmx URL through the front. */
  readonly asmxUrl: string;
  close(): Promise<void>;
}

/** An HTTPS front for a simulator at `target` (its base URL), with a self-signed certificate made for this run. */
export async function startTlsFront(target: string): Promise<TlsFront> {
  const upstream = new URL(target);
  const server = https.createServer(makeSelfSignedCertificate(), (req, res) => {
    const forward = http.request(
      { host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    asmxUrl: `https://127.0.0.1:${(server.address() as AddressInfo).port}/atservices/1.6/atws.asmx`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
