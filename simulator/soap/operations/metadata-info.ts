/** getEntityInfo, GetFieldInfo (with picklist values) and getUDFInfo, from the metadata. */
import { childText } from 'atws/protocol/soap';
import { fieldInfoXml, textElement, udfInfoXml } from '../response-xml.js';
import { findEntity, SoapFault, type OperationContext, type OperationHandler } from '../operation-context.js';

export const getEntityInfo: OperationHandler = (ctx) =>
  Object.values(ctx.api.metadata.entities)
    .map(
      (e) =>
        `<EntityInfo>${textElement('Name', e.name)}<CanUpdate>${e.canUpdate}</CanUpdate><CanDelete>${e.canDelete}</CanDelete>` +
        `<CanCreate>${e.canCreate}</CanCreate><CanQuery>${e.canQuery}</CanQuery>` +
        `<HasUserDefinedFields>${e.hasUserDefinedFields}</HasUserDefinedFields></EntityInfo>`,
    )
    .join('');

function entityParameter(ctx: OperationContext, parameter: string) {
  const name = (childText(ctx.request, parameter) ?? '').trim();
  const meta = findEntity(ctx, name);
  if (!meta) throw new SoapFault('soap:Client', `Server was unable to process request. ---> Invalid entity type "${name}" in ${parameter}.`);
  return meta;
}

export const getFieldInfo: OperationHandler = (ctx) => {
  const meta = entityParameter(ctx, 'psObjectType');
  return Object.values(meta.fields)
    .map((field) => fieldInfoXml(field, ctx.tenant.picklists.valuesOf(meta, field)))
    .join('');
};

export const getUdfInfo: OperationHandler = (ctx) => {
  const meta = entityParameter(ctx, 'psTable');
  return ctx.tenant.udfsOf(meta.name).map(udfInfoXml).join('');
};
