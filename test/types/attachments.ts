// Compile-time checks: attachments are typed by the AttachmentInfo class (they were EntityBase and
// a record of any field values), and their bytes by Uint8Array (no Node type in the declarations).
// See entity-read-write.ts for the "->".
import type { Connection, PicklistValueOf } from '../../runtime/index.js';
import type { AttachmentInfo } from '../../generated/v1_6/index.js';

declare const at: Connection<'1.6'>;
declare const type: PicklistValueOf<AttachmentInfo, 'Type'>;
declare const ticketParent: PicklistValueOf<AttachmentInfo, 'ParentType'>;
declare const publish: PicklistValueOf<AttachmentInfo, 'Publish'>;

export async function attachments(bytes: Uint8Array): Promise<void> {
  const id = await at.createAttachment({
    data: bytes,
    info: { ParentID: 1, ParentType: ticketParent, Type: type, Title: 'note.txt', FullPath: 'note.txt', Publish: publish },
  });
  // prettier-ignore
  // @ts-expect-error a misspelt field -> 'Titel' does not exist in type
  await at.createAttachment({ data: bytes, info: { ParentID: 1, ParentType: ticketParent, Type: type, Titel: 'note.txt', FullPath: 'note.txt', Publish: publish } });
  // prettier-ignore
  // @ts-expect-error the entity attached to is required -> Property 'ParentID' is missing
  await at.createAttachment({ data: bytes, info: { ParentType: ticketParent, Type: type, Title: 'note.txt', FullPath: 'note.txt', Publish: publish } });
  const got = await at.getAttachment(id);
  const title: string | undefined = got?.info?.Title;
  const size: number | undefined = got?.info?.FileSize;
  const data: Uint8Array | undefined = got?.data;
  // @ts-expect-error typed by the class -> Property 'Titel' does not exist on type
  void got?.info?.Titel;
  void [title, size, data];
}
