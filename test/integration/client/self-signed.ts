/**
 * A throwaway self-signed certificate for 127.0.0.1, made with `openssl` when a test needs one, so
 * that no private key is ever committed. The files live in a temp dir removed at once.
 */
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
      ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'],
      { encoding: 'utf8' },
    );
    if (made.error !== undefined) throw new Error(`making a test certificate needs openssl on the PATH: ${made.error.message}`);
    if (made.status !== 0) throw new Error(`openssl could not make a test certificate: ${made.stderr}`);
    return { key: readFileSync(key), cert: readFileSync(cert) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
