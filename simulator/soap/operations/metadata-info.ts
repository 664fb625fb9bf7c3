/** getEntityInfo, GetFieldInfo (with picklist values) and getUDFInfo, from the metadata and the tenant's picklists and UDFs. */
import { childText, type XmlElement } from 'atws/protocol/soap';
import { fieldInfoXml, textElement, udfInfoXml } from '../response-xml.js';
import { SoapFault, type OperationContext, type SoapOperation } from '../operation-context.js';

export const getEntityInfo: SoapOperation = {
  read: (_request, ctx) => ({
    run: () =>
      Object.values(ctx.api.metadata.entities)
        .map(
          (e) =>
            `<EntityInfo>${textElement('Name', e.name)}<CanUpdate>${e.canUpdate}</CanUpdate><CanDelete>${e.canDelete}</CanDelete>` +
            `<CanCreate>${e.canCreate}</CanCreate><CanQuery>${e.canQuery}</CanQuery>` +
            `<HasUserDefinedFields>${e.hasUserDefinedFields}</HasUserDefinedFields></EntityInfo>`,
        )
        .join(''),
  }),
};

/** The entity type a parameter names; a fault when this version has none of that name. */
function entityParameter(ctx: OperationContext, parameter: string, name: string) {
  const meta = ctx.tenant.findEntity(ctx.api.metadata, name);
  if (!meta) throw new SoapFault('soap:Client', `Server was unable to process request. ---> Invalid entity type "${name}" in ${parameter}.`);
  return meta;
}

const entityText = (request: XmlElement, parameter: string): string => (childText(request, parameter) ?? '').trim();

export const getFieldInfo: SoapOperation = {
  read(request, ctx) {
    const name = entityText(request, 'psObjectType');
    return {
      entity: name,
      run: () =>
        ctx.tenant
          .fieldInfo(entityParameter(ctx, 'psObjectType', name))
          .map((info) => fieldInfoXml(info.field, info.picklist))
          .join(''),
    };
  },
};

export const getUdfInfo: SoapOperation = {
  read(request, ctx) {
    const name = entityText(request, 'psTable');
    return {
      entity: name,
      run: () =>
        ctx.tenant
          .udfsOf(entityParameter(ctx, 'psTable', name).name)
          .map(udfInfoXml)
          .join(''),
    };
  },
};
