/**
 * Loads a WSDL from a file or URL (HTTP Basic credentials when given), has the `soap` package's
 * WSDL parser accept it (so that what we snapshot is what SOAP tooling understands), and reads
 * its structure.
 */
import { readFile, stat } from 'node:fs/promises';
import soap from 'soap';
import type { WsdlDocument } from 'atws/protocol/soap';
import { boundedRequest, DEFAULT_HTTP_LIMITS, type HttpLimits } from './bounded-http.js';
import { CodegenError } from './codegen-error.js';
import { isUrl, publicLocation } from './location.js';
import { parseSourceXml } from './source-xml.js';
import { readWsdlStructure } from './wsdl-structure.js';

export interface HttpCredentials {
  readonly username: string;
  readonly password: string;
}

/** Reads a file, or GETs a URL (within the limits: codegen/bounded-http.ts), as text. */
export async function readSource(location: string, credentials?: HttpCredentials, limits: HttpLimits = DEFAULT_HTTP_LIMITS): Promise<string> {
  if (!isUrl(location)) {
    try {
      const { size } = await stat(location);
      if (size > limits.maxAnswerBytes)
        throw new CodegenError(location, `is larger than ${limits.maxAnswerBytes.toLocaleString('en-US')} bytes (--max-answer-mb)`);
      return await readFile(location, 'utf8');
    } catch (cause) {
      if (cause instanceof CodegenError) throw cause;
      throw new CodegenError(location, `cannot read: ${(cause as NodeJS.ErrnoException).code ?? String(cause)}`, { cause });
    }
  }
  const headers: Record<string, string> = {};
  if (credentials !== undefined) {
    headers['Authorization'] = `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`;
  }
  const answer = await boundedRequest(location, { method: 'GET', headers, what: 'GET' }, limits);
  if (answer.status < 200 || answer.status > 299) {
    throw new CodegenError(publicLocation(location), `HTTP ${answer.status} ${answer.statusText}`);
  }
  return answer.text;
}

/** Has the `soap` package parse and post-process the WSDL; rejects what it rejects. */
function acceptBySoap(text: string, label: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let wsdl: InstanceType<typeof soap.WSDL>;
    try {
      wsdl = new soap.WSDL(text, label, {});
    } catch (cause) {
      reject(new CodegenError(label, `the soap WSDL parser rejected it: ${String(cause)}`, { cause }));
      return;
    }
    wsdl.onReady((error) => {
      if (error) reject(new CodegenError(label, `the soap WSDL parser rejected it: ${error.message}`, { cause: error }));
      else resolve();
    });
  });
}

/** Loads, validates and structures a WSDL. */
export async function loadWsdl(location: string, credentials?: HttpCredentials, limits?: HttpLimits): Promise<WsdlDocument> {
  const label = publicLocation(location);
  const text = await readSource(location, credentials, limits);
  // Our own strict reading first: it names the line of a malformed or unsupported construct.
  const document = readWsdlStructure(parseSourceXml(text, label), label);
  await acceptBySoap(text, label);
  return document;
}
