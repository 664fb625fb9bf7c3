/**
 * GetAttachment, CreateAttachment and DeleteAttachment: the attachment's `Info` is an
 * AttachmentInfo entity written under the name `<Info>`, its bytes base64 in `<Data>`; the tenant
 * stores and checks them (tenant/attachments.ts).
 */
import { childElement, childText, escapeXmlText, type XmlElement } from 'atws/protocol/soap';
import { readEntity } from '../entity-reader.js';
import { callerOf, entityXml, SoapFault, type OperationContext, type SoapOperation } from '../operation-context.js';
import { SOAP_READING } from '../soap-reading.js';

function attachmentMeta(ctx: OperationContext) {
  const meta = ctx.tenant.findEntity(ctx.api.metadata, 'AttachmentInfo');
  if (!meta) throw new SoapFault('soap:Server', 'This API version has no AttachmentInfo entity.');
  return meta;
}

function attachmentId(request: XmlElement): number {
  const text = (childText(request, 'attachmentId') ?? '').trim();
  const id = Number(text);
  if (text === '' || !Number.isInteger(id)) {
    throw new SoapFault('soap:Client', `Server was unable to read request. ---> attachmentId "${text}" is not an integer.`);
  }
  return id;
}

export const getAttachment: SoapOperation = {
  read: (request, ctx) => ({
    run() {
      const meta = attachmentMeta(ctx);
      const found = ctx.tenant.attachment(meta, attachmentId(request));
      if (!found) return '';
      // The Info element is an AttachmentInfo written like an entity, under the name <Info>.
      const info = entityXml(ctx, meta, found.info)
        .replace(/^<Entity\b/, '<Info')
        .replace(/<\/Entity>$/, '</Info>');
      const data = found.data && found.data.length > 0 ? Buffer.from(found.data.buffer, found.data.byteOffset, found.data.byteLength) : undefined;
      return `${data ? `<Data>${data.toString('base64')}</Data>` : ''}${info}`;
    },
  }),
};

export const createAttachment: SoapOperation = {
  read: (request, ctx) => ({
    run() {
      const meta = attachmentMeta(ctx);
      const attachment = childElement(request, 'attachment');
      const infoElement = attachment && childElement(attachment, 'Info');
      if (!attachment || !infoElement) throw new SoapFault('soap:Client', 'CreateAttachment needs an attachment with its Info.');
      const dataText = (childText(attachment, 'Data') ?? '').replace(/\s+/g, '');
      if (!/^[A-Za-z0-9+/]*={0,2}$/.test(dataText)) throw new SoapFault('soap:Client', 'The attachment Data is not base64.');
      const created = ctx.tenant.createAttachment(callerOf(ctx), meta, readEntity(infoElement).fields, Buffer.from(dataText, 'base64'), SOAP_READING);
      if (typeof created !== 'number') throw new SoapFault('soap:Client', created.refused);
      return String(created);
    },
  }),
};

/** Answers '' when deleted, and the reason otherwise (the operation returns a string). */
export const deleteAttachment: SoapOperation = {
  read: (request, ctx) => ({
    run() {
      const meta = attachmentMeta(ctx);
      const refusal = ctx.tenant.deleteAttachment(meta, attachmentId(request));
      return refusal === undefined ? '' : escapeXmlText(refusal.refused);
    },
  }),
};
