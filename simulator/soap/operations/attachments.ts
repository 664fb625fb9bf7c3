/**
 * GetAttachment, CreateAttachment and DeleteAttachment. The attachment's `Info` is stored as an
 * AttachmentInfo entity (so it can be queried like one) and its bytes beside it.
 */
import type { FieldValue } from 'atws/protocol';
import { decodeFieldValue } from 'atws/protocol/soap';
import { childElement, childText } from 'atws/protocol/soap';
import { escapeXmlText } from 'atws/protocol/soap';
import { readEntity } from '../entity-reader.js';
import { entityXml, findEntity, SoapFault, type OperationContext, type OperationHandler } from '../operation-context.js';

const MAX_ATTACHMENT_BYTES = 6 * 1024 * 1024;

function attachmentMeta(ctx: OperationContext) {
  const meta = findEntity(ctx, 'AttachmentInfo');
  if (!meta) throw new SoapFault('soap:Server', 'This API version has no AttachmentInfo entity.');
  return meta;
}

function attachmentId(ctx: OperationContext): number {
  const text = (childText(ctx.request, 'attachmentId') ?? '').trim();
  const id = Number(text);
  if (text === '' || !Number.isInteger(id)) {
    throw new SoapFault('soap:Client', `Server was unable to read request. ---> attachmentId "${text}" is not an integer.`);
  }
  return id;
}

export const getAttachment: OperationHandler = (ctx) => {
  const meta = attachmentMeta(ctx);
  const id = attachmentId(ctx);
  const record = ctx.tenant.store.get(meta.name, id);
  if (!record) return '';
  const data = ctx.tenant.store.getAttachmentData(id);
  // The Info element is an AttachmentInfo written like an entity, under the name <Info>.
  const info = entityXml(ctx, meta, record).replace(/^<Entity\b/, '<Info').replace(/<\/Entity>$/, '</Info>');
  return `${data && data.length > 0 ? `<Data>${data.toString('base64')}</Data>` : ''}${info}`;
};

const CONTENT_TYPES: Record<string, string> = {
  txt: 'text/plain', pdf: 'application/pdf', png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg',
  html: 'text/html', xml: 'text/xml', csv: 'text/csv', zip: 'application/zip',
};

export const createAttachment: OperationHandler = (ctx) => {
  const meta = attachmentMeta(ctx);
  const { store, picklists } = ctx.tenant;
  const attachment = childElement(ctx.request, 'attachment');
  const infoElement = attachment && childElement(attachment, 'Info');
  if (!attachment || !infoElement) throw new SoapFault('soap:Client', 'CreateAttachment needs an attachment with its Info.');
  const dataText = (childText(attachment, 'Data') ?? '').replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(dataText)) throw new SoapFault('soap:Client', 'The attachment Data is not base64.');
  const data = Buffer.from(dataText, 'base64');
  if (data.length > MAX_ATTACHMENT_BYTES) {
    throw new SoapFault('soap:Client', `The attachment is ${data.length} bytes; at most ${MAX_ATTACHMENT_BYTES} are allowed.`);
  }
  const values: Record<string, FieldValue> = {};
  for (const [name, text] of readEntity(infoElement).fields) {
    const field = meta.fields[name];
    if (!field) throw new SoapFault('soap:Client', `The field ${name} does not exist on AttachmentInfo.`);
    if (text === null || (field.type !== 'string' && text.trim() === '')) continue;
    try {
      values[field.name] = field.type === 'string' ? text : decodeFieldValue(field.type, text.trim());
    } catch {
      throw new SoapFault('soap:Client', `Invalid value "${text}" for the ${field.type} field AttachmentInfo.${field.name}.`);
    }
  }
  for (const name of ['Title', 'Type', 'ParentType', 'ParentID', 'Publish', 'FullPath']) {
    if (meta.fields[name] && (values[name] === undefined || values[name] === '')) {
      throw new SoapFault('soap:Client', `Missing Required Field: AttachmentInfo.${name}.`);
    }
  }
  for (const name of ['Type', 'ParentType', 'Publish']) {
    const field = meta.fields[name];
    if (!field) continue;
    const entry = picklists.valuesOf(meta, field).find((v) => v.value === String(values[name]));
    if (!entry?.isActive) throw new SoapFault('soap:Client', `${String(values[name])} is not a value of AttachmentInfo.${name}.`);
    if (name === 'ParentType' && !store.has(entry.label, Number(values['ParentID']))) {
      throw new SoapFault('soap:Client', `The attachment's parent ${entry.label} ${String(values['ParentID'])} does not exist.`);
    }
  }
  if (values['Type'] === 'FILE_ATTACHMENT' && data.length === 0) {
    throw new SoapFault('soap:Client', 'A FILE_ATTACHMENT needs Data.');
  }
  values['AttachDate'] = new Date();
  values['FileSize'] = data.length;
  const extension = String(values['FullPath']).split('.').pop()?.toLowerCase() ?? '';
  values['ContentType'] ??= CONTENT_TYPES[extension] ?? 'application/octet-stream';
  for (const name of Object.keys(values)) if (!meta.fields[name]) delete values[name];
  const id = store.transaction(() => {
    const record = store.insert(meta.name, values);
    store.setAttachmentData(record.id, data);
    return record.id;
  });
  return String(id);
};

/** Answers '' when deleted, and the reason otherwise (the operation returns a string). */
export const deleteAttachment: OperationHandler = (ctx) => {
  const meta = attachmentMeta(ctx);
  const id = attachmentId(ctx);
  const { store } = ctx.tenant;
  if (!store.has(meta.name, id)) return escapeXmlText(`Attachment ${id} does not exist.`);
  store.transaction(() => {
    store.remove(meta.name, id);
    store.removeAttachmentData(id);
  });
  return '';
};
