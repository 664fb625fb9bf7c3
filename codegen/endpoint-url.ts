/**
 * `atws codegen pull --url`: a zone's ATWS address as a user copies it, either the SOAP endpoint
 * (`.../ATServices/1.6/atws.asmx`) or its WSDL (`.../atws.wsdl`, or ASP.NET's `atws.asmx?WSDL`).
 * Both name the same service; the pull needs the one and the other.
 */
import type { ApiVersion } from 'atws/protocol';
import { CodegenError } from './codegen-error.js';
import { isUrl, publicLocation } from './location.js';

export interface EndpointUrls {
  /** Where SOAP requests go. */
  readonly asmx: string;
  /** Where the WSDL is read from. */
  readonly wsdl: string;
  /** The API version the path names (`/ATServices/1.6/`), when it names one. */
  readonly pathVersion?: ApiVersion;
}

const PATH_VERSION = /\/(1\.[56])\/[^/]*$/;

export function endpointUrls(url: string): EndpointUrls {
  const shown = isUrl(url) ? publicLocation(url) : url;
  const hint = "give the zone's atws.asmx or atws.wsdl address, e.g. https://webservices5.autotask.net/ATServices/1.6/atws.asmx";
  if (!isUrl(url)) throw new CodegenError('atws codegen pull --url', `"${shown}" is not an http(s) URL; ${hint}`);
  const parsed = new URL(url);
  const wsdlQuery = [...parsed.searchParams.keys()].some((key) => key.toLowerCase() === 'wsdl');
  let asmx: URL;
  let wsdl: URL;
  if (/\.asmx$/i.test(parsed.pathname)) {
    asmx = new URL(parsed);
    asmx.search = '';
    wsdl = new URL(asmx);
    wsdl.pathname = asmx.pathname.replace(/\.asmx$/i, '.wsdl');
    if (wsdlQuery) wsdl = new URL(parsed);
  } else if (/\.wsdl$/i.test(parsed.pathname)) {
    wsdl = parsed;
    asmx = new URL(parsed);
    asmx.search = '';
    asmx.pathname = parsed.pathname.replace(/\.wsdl$/i, '.asmx');
  } else {
    throw new CodegenError('atws codegen pull --url', `${shown} ends in neither .asmx nor .wsdl; ${hint}`);
  }
  const version = PATH_VERSION.exec(asmx.pathname)?.[1] as ApiVersion | undefined;
  return { asmx: asmx.toString(), wsdl: wsdl.toString(), ...(version === undefined ? {} : { pathVersion: version }) };
}
