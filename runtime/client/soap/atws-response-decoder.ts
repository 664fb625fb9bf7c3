/**
 * The streaming decoder of a SOAP response holding an `ATWSResponse`: the client's hot path.
 *
 * One XML scanner (xml-scanner.ts: well-formed XML, names as written); elements are matched by
 * their local name, after any prefix, so any prefixes or none are accepted; no tree is built.
 * Each element's role is derived from its parent's role and its name and kept on a stack of
 * small integers; text is collected only inside the leaf elements whose text is wanted. Entities
 * are handed to `onEntity` as soon as their closing tag is read, as raw field texts: typing them
 * is the client's job. Only the client reads ATWSResponses (the simulator writes them), so it
 * lives with the client's SOAP transport.
 */
import { MAX_XML_DEPTH, XmlSyntaxError } from '../../protocol/soap/xml/xml-syntax-error.js';
import { marksNil } from '../../protocol/soap/xml/xsi-nil.js';
import { XmlScanner } from '../../protocol/soap/xml/xml-scanner.js';

/** One entity of `EntityResults`, as raw text. */
export interface RawEntity {
  /** The local part of the entity's `xsi:type` ('' when absent). */
  type: string;
  id: number | undefined;
  /** Field name -> raw text ('' for an empty element), in document order; `id` and UDFs not included. */
  fields: Map<string, string>;
  /** User-defined fields in order; null when the UDF has no `Value`. */
  udfs: Array<[string, string | null]>;
}

export interface EntityReturnInfoSummary {
  entityId: number | undefined;
  databaseAction: string;
  duplicateStatus?: { found: boolean; ignored: boolean };
  message: string;
}

export interface AtwsResponseSummary {
  returnCode: number | undefined;
  entityResultType: string | undefined;
  /** Every `Errors/ATWSError/Message`, in order. */
  errors: string[];
  entityReturnInfo: EntityReturnInfoSummary[];
  /** A SOAP Fault in place of the answer. */
  fault?: { code: string; message: string };
}

export interface AtwsResponseDecoderOptions {
  /** Called with each entity as soon as it is complete. An exception it throws propagates from `write`. */
  onEntity: (entity: RawEntity) => void;
  /**
   * Entities as their type and id only: their fields and UDFs are scanned (the XML is checked
   * whole) but not collected. For the answers of writes, whose entities the client reads for the
   * id alone: in an update workflow (page, write, read-back) they were a third of the entities it
   * collected and typed, only to drop them.
   */
  idsOnly?: boolean;
}

// Element roles. Containers decide their children's roles; leaves (>= FIRST_LEAF) collect text.
const OTHER = 0; // outside any structure of interest: ATWSResponse parts are recognised here
const IGNORED = 1;
const ENTITY_RESULTS = 2;
const ENTITY = 3;
const UDFS = 4;
const UDF = 5;
const ERRORS = 6;
const ATWS_ERROR = 7;
const RETURN_INFOS = 8;
const RETURN_INFO = 9;
const DUPLICATE_STATUS = 10;
const FAULT = 11;
const FIRST_LEAF = 20;
const ENTITY_ID = 20;
const FIELD = 21;
const UDF_NAME = 22;
const UDF_VALUE = 23;
const RETURN_CODE = 24;
const ENTITY_RESULT_TYPE = 25;
const ERROR_MESSAGE = 26;
const INFO_ENTITY_ID = 27;
const INFO_DATABASE_ACTION = 28;
const INFO_MESSAGE = 29;
const DUPLICATE_FOUND = 30;
const DUPLICATE_IGNORED = 31;
const FAULT_CODE = 32;
const FAULT_STRING = 33;

const OTHER_CHILDREN: { readonly [local: string]: number } = {
  ReturnCode: RETURN_CODE,
  EntityResults: ENTITY_RESULTS,
  EntityResultType: ENTITY_RESULT_TYPE,
  Errors: ERRORS,
  EntityReturnInfoResults: RETURN_INFOS,
  Fault: FAULT,
};
const RETURN_INFO_CHILDREN: { readonly [local: string]: number } = {
  EntityId: INFO_ENTITY_ID,
  DatabaseAction: INFO_DATABASE_ACTION,
  DuplicateStatus: DUPLICATE_STATUS,
  Message: INFO_MESSAGE,
};

function integerOrUndefined(text: string): number | undefined {
  const t = text.trim();
  return /^[+-]?\d+$/.test(t) ? Number(t) : undefined;
}

const isTrue = (text: string): boolean => {
  const t = text.trim();
  return t === 'true' || t === '1';
};

/** The xsi:type of an entity element, whatever its prefix: the attribute named `type` or `*:type`. */
function entityType(attributes: readonly string[]): string {
  let value: string | undefined;
  for (let i = 0; i < attributes.length; i += 2) {
    const name = attributes[i] as string;
    if (name === 'xsi:type') {
      value = attributes[i + 1] as string;
      break;
    }
    if (value === undefined && (name === 'type' || name.endsWith(':type'))) value = attributes[i + 1] as string;
  }
  if (value === undefined) return '';
  return value.slice(value.indexOf(':') + 1);
}

/** Whether the attributes (`[name, value, ...]`) mark the element xsi:nil. */
function nilIn(attributes: readonly string[]): boolean {
  for (let i = 0; i < attributes.length; i += 2) if (marksNil(attributes[i] as string, attributes[i + 1] as string)) return true;
  return false;
}

/**
 * Decodes an ATWS SOAP response written to it in chunks.
 *
 * @example
 * const decoder = new AtwsResponseDecoder({ onEntity: (e) => tickets.push(e) });
 * for await (const chunk of body) decoder.write(chunk);
 * const { returnCode, errors } = decoder.close();
 */
export class AtwsResponseDecoder {
  private readonly scanner: XmlScanner;
  private readonly onEntity: (entity: RawEntity) => void;
  /** The role of an entity's children other than `id` and UDFs: FIELD, or IGNORED when only ids are read. */
  private readonly fieldRole: number;
  private readonly udfsRole: number;
  private readonly roles: number[] = [];
  private text = '';
  /** The local name of the leaf element whose text is being collected. */
  private leafName = '';
  /** Whether the leaf is marked xsi:nil (read at its start tag: the scanner reuses its attribute list). */
  private leafNil = false;
  /** Whether text is being collected (inside a leaf of interest or its descendants). */
  private collecting = false;
  private entity: RawEntity | undefined;
  /** Whether the entity being read has had its `<id>`, and the answer its `<ReturnCode>`: each may come once. */
  private entityIdSeen = false;
  private returnCodeSeen = false;
  private udfName: string | undefined;
  private udfValue: string | null = null;
  private info: EntityReturnInfoSummary | undefined;
  private faultCode = '';
  private faultString = '';
  private inFault = false;
  private readonly summary: AtwsResponseSummary = {
    returnCode: undefined,
    entityResultType: undefined,
    errors: [],
    entityReturnInfo: [],
  };
  private callbackError: unknown;
  private failure: Error | undefined;
  private closed = false;

  constructor(options: AtwsResponseDecoderOptions) {
    this.onEntity = options.onEntity;
    this.fieldRole = options.idsOnly === true ? IGNORED : FIELD;
    this.udfsRole = options.idsOnly === true ? IGNORED : UDFS;
    this.scanner = new XmlScanner({
      openTag: (name, attributes) => this.openElement(name, attributes),
      closeTag: () => this.closeElement(),
      text: (t) => {
        if (this.collecting) this.text += t;
      },
    });
  }

  /** Parses the next piece of the response. Throws `XmlSyntaxError` as soon as the XML is malformed. */
  write(chunk: string): void {
    this.guard('write');
    try {
      this.scanner.write(chunk);
    } catch (error) {
      throw this.fail(error);
    }
  }

  /**
   * Ends the response and returns what it said besides the entities. Throws `XmlSyntaxError` when
   * the XML is incomplete (a truncated body) or empty.
   */
  close(): AtwsResponseSummary {
    this.guard('close');
    this.closed = true;
    try {
      this.scanner.close();
    } catch (error) {
      throw this.fail(error);
    }
    if (this.inFault || this.faultCode !== '' || this.faultString !== '') {
      this.summary.fault = { code: this.faultCode, message: this.faultString };
    }
    return this.summary;
  }

  private guard(what: string): void {
    if (this.failure !== undefined) throw this.failure;
    if (this.closed) throw new XmlSyntaxError(`AtwsResponseDecoder: ${what} after close()`);
  }

  private fail(error: unknown): unknown {
    if (error === this.callbackError) {
      this.failure = error instanceof Error ? error : new Error(String(error));
      return error;
    }
    this.failure = new XmlSyntaxError(`Malformed ATWS response XML: ${(error as Error).message}`, { cause: error });
    return this.failure;
  }

  private openElement(qname: string, attributes: readonly string[]): void {
    const roles = this.roles;
    // Each open element costs the decoder memory: nesting no real answer has ends the parse here.
    if (roles.length >= MAX_XML_DEPTH) throw new Error(`${this.scanner.where}: nested deeper than ${MAX_XML_DEPTH} elements`);
    const parent = roles.length === 0 ? OTHER : (roles[roles.length - 1] as number);
    const colon = qname.indexOf(':');
    const local = colon < 0 ? qname : qname.slice(colon + 1);
    let role: number;
    switch (parent) {
      case ENTITY:
        if (local === 'id') role = ENTITY_ID;
        else if (local === 'UserDefinedFields') role = this.udfsRole;
        // The abstract Entity's `Fields` list never holds values; it is not a field.
        else role = local === 'Fields' ? IGNORED : this.fieldRole;
        break;
      case OTHER:
        role = OTHER_CHILDREN[local] ?? OTHER;
        if (role === FAULT) this.inFault = true;
        break;
      case ENTITY_RESULTS:
        if (local === 'Entity') {
          role = ENTITY;
          this.entity = { type: entityType(attributes), id: undefined, fields: new Map(), udfs: [] };
          this.entityIdSeen = false;
        } else {
          role = IGNORED;
        }
        break;
      case UDFS:
        role = local === 'UserDefinedField' ? UDF : IGNORED;
        this.udfName = undefined;
        this.udfValue = null;
        break;
      case UDF:
        role = local === 'Name' ? UDF_NAME : local === 'Value' ? UDF_VALUE : IGNORED;
        break;
      case ERRORS:
        role = local === 'ATWSError' ? ATWS_ERROR : IGNORED;
        break;
      case ATWS_ERROR:
        role = local === 'Message' ? ERROR_MESSAGE : IGNORED;
        break;
      case RETURN_INFOS:
        if (local === 'EntityReturnInfo') {
          role = RETURN_INFO;
          this.info = { entityId: undefined, databaseAction: '', message: '' };
        } else {
          role = IGNORED;
        }
        break;
      case RETURN_INFO:
        role = RETURN_INFO_CHILDREN[local] ?? IGNORED;
        if (role === DUPLICATE_STATUS && this.info !== undefined) this.info.duplicateStatus = { found: false, ignored: false };
        break;
      case DUPLICATE_STATUS:
        role = local === 'Found' ? DUPLICATE_FOUND : local === 'Ignored' ? DUPLICATE_IGNORED : IGNORED;
        break;
      case FAULT:
        role = local === 'faultcode' ? FAULT_CODE : local === 'faultstring' ? FAULT_STRING : IGNORED;
        break;
      default:
        // IGNORED and leaves: a leaf's unexpected children add their text to the leaf's.
        role = parent >= FIRST_LEAF ? parent + 100 : IGNORED;
    }
    roles.push(role);
    if (role >= FIRST_LEAF && role < 100) {
      this.leafName = local;
      this.leafNil = attributes.length !== 0 && nilIn(attributes);
      this.text = '';
      this.collecting = true;
    }
  }

  private closeElement(): void {
    const role = this.roles.pop() as number;
    if (role < FIRST_LEAF || role >= 100) {
      if (role === ENTITY) this.endEntity();
      else if (role === UDF) this.endUdf();
      else if (role === RETURN_INFO && this.info !== undefined) {
        this.summary.entityReturnInfo.push(this.info);
        this.info = undefined;
      }
      return;
    }
    this.collecting = false;
    const text = this.text;
    this.text = '';
    switch (role) {
      case FIELD: {
        const entity = this.entity;
        // Only an empty element can be nil, so only those pay for the attribute check.
        if (entity !== undefined && (text !== '' || !this.leafNil)) entity.fields.set(this.leafName, text);
        break;
      }
      case ENTITY_ID:
        if (this.entity !== undefined) {
          // Which of two ids the entity is cannot be told: the answer is not believed.
          if (this.entityIdSeen) throw new Error(`${this.scanner.where}: an entity holds <id> twice`);
          this.entityIdSeen = true;
          this.entity.id = integerOrUndefined(text);
        }
        break;
      case UDF_NAME:
        this.udfName = text;
        break;
      case UDF_VALUE:
        this.udfValue = text;
        break;
      case RETURN_CODE:
        // A second ReturnCode (a 1 after a -1, say) would decide the outcome of every entity.
        if (this.returnCodeSeen) throw new Error(`${this.scanner.where}: the answer holds <ReturnCode> twice`);
        this.returnCodeSeen = true;
        this.summary.returnCode = integerOrUndefined(text);
        break;
      case ENTITY_RESULT_TYPE:
        this.summary.entityResultType = text.trim();
        break;
      case ERROR_MESSAGE:
        this.summary.errors.push(text);
        break;
      case INFO_ENTITY_ID:
        if (this.info !== undefined) this.info.entityId = integerOrUndefined(text);
        break;
      case INFO_DATABASE_ACTION:
        if (this.info !== undefined) this.info.databaseAction = text.trim();
        break;
      case INFO_MESSAGE:
        if (this.info !== undefined) this.info.message = text;
        break;
      case DUPLICATE_FOUND:
        if (this.info?.duplicateStatus !== undefined) this.info.duplicateStatus.found = isTrue(text);
        break;
      case DUPLICATE_IGNORED:
        if (this.info?.duplicateStatus !== undefined) this.info.duplicateStatus.ignored = isTrue(text);
        break;
      case FAULT_CODE:
        this.faultCode = text.trim();
        break;
      case FAULT_STRING:
        this.faultString = text;
        break;
    }
  }

  private endEntity(): void {
    const entity = this.entity;
    this.entity = undefined;
    if (entity === undefined) return;
    try {
      this.onEntity(entity);
    } catch (error) {
      this.callbackError = error;
      throw error;
    }
  }

  private endUdf(): void {
    if (this.udfName !== undefined && this.entity !== undefined) this.entity.udfs.push([this.udfName, this.udfValue]);
    this.udfName = undefined;
    this.udfValue = null;
  }
}
