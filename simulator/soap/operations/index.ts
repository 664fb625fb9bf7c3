/** The SOAP operations the simulator answers, by WSDL operation name. */
import type { SoapOperation } from '../operation-context.js';
import { createAttachment, deleteAttachment, getAttachment } from './attachments.js';
import { create, deleteOperation, update } from './entity-batch.js';
import { getInvoiceMarkup } from './invoice-markup.js';
import { getEntityInfo, getFieldInfo, getUdfInfo } from './metadata-info.js';
import { query } from './query.js';
import { getThresholdAndUsageInfo } from './usage-info.js';
import { getWsdlVersion } from './wsdl-version.js';
import { getZoneInfo } from './zone-info.js';

export const SOAP_OPERATIONS: Readonly<Record<string, SoapOperation>> = {
  query,
  create,
  update,
  delete: deleteOperation,
  getEntityInfo,
  GetFieldInfo: getFieldInfo,
  getUDFInfo: getUdfInfo,
  getThresholdAndUsageInfo,
  GetWsdlVersion: getWsdlVersion,
  GetInvoiceMarkup: getInvoiceMarkup,
  getZoneInfo,
  GetAttachment: getAttachment,
  CreateAttachment: createAttachment,
  DeleteAttachment: deleteAttachment,
};
