/**
 * Readers of SOAP answers. The hot one streams an `ATWSResponse` through the core's saxes decoder
 * and turns each entity into its generated class as it arrives; the other, for small answers
 * (zone, field info, invoice markup), builds a tree.
 */
import { AtwsResponseDecoder, type AtwsResponseSummary, type RawEntity } from './atws-response-decoder.js';
import { childElement, parseXml, type XmlElement } from '../../protocol/soap/xml/xml-tree.js';
import { TransportError } from '../../protocol/errors.js';
import type { ResponseReader } from '../http/http-types.js';

export interface AtwsAnswer<T> {
  readonly summary: AtwsResponseSummary;
  readonly entities: T[];
}

/**
 * Streams an ATWSResponse; each entity is decoded by `decode` the moment its end tag is read. The
 * entity past `maxEntities` fails the answer there, before a server that sends millions is read on.
 */
export function atwsResponseReader<T>(
  operation: string,
  decode: (raw: RawEntity) => T,
  maxEntities: number,
  idsOnly = false,
): () => ResponseReader<AtwsAnswer<T>> {
  return () => {
    const entities: T[] = [];
    const decoder = new AtwsResponseDecoder({
      idsOnly,
      onEntity: (raw) => {
        if (entities.length >= maxEntities) {
          throw new TransportError(
            `${operation}: the server sent more than ${maxEntities} entities in one answer, which ATWS never does (at most ${maxEntities} per answer); the server misbehaves, so the answer is refused`,
            { operation, status: 200, code: 'ETOOMANYENTITIES' },
          );
        }
        entities.push(decode(raw));
      },
    });
    return {
      write: (chunk) => decoder.write(chunk),
      close: () => ({ summary: decoder.close(), entities }),
    };
  };
}

/** A small answer as a tree: the operation's result element, or the SOAP fault. */
export type TreeAnswer =
  | { readonly result: XmlElement | undefined; readonly fault?: undefined }
  | { readonly result?: undefined; readonly fault: { code: string; message: string } };

export function treeReader(operation: string, responseElement: string, resultElement: string): () => ResponseReader<TreeAnswer> {
  return () => {
    const chunks: string[] = [];
    return {
      write: (chunk) => void chunks.push(chunk),
      close: (): TreeAnswer => {
        const envelope = parseXml(chunks.join(''));
        const body = envelope.name === 'Envelope' ? childElement(envelope, 'Body') : undefined;
        if (body === undefined) throw new TransportError(`${operation}: the answer is not a SOAP envelope`, { operation });
        const fault = childElement(body, 'Fault');
        if (fault !== undefined) {
          return {
            fault: {
              code: childElement(fault, 'faultcode')?.text.trim() ?? '',
              message: childElement(fault, 'faultstring')?.text.trim() ?? '',
            },
          };
        }
        const response = childElement(body, responseElement);
        if (response === undefined) {
          throw new TransportError(`${operation}: the SOAP body lacks <${responseElement}>`, { operation });
        }
        return { result: childElement(response, resultElement) };
      },
    };
  };
}
