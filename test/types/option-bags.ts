// Compile-time checks under exactOptionalPropertyTypes (the project's tsconfig has it): an option
// bag takes `undefined` for an option left to its default (`url: process.env.X`), as AWS SDK v3's
// inputs do since 3.691; a required option still must be there. See entity-read-write.ts for the "->".
import { connect, Query, type Connection } from '../../runtime/index.js';
import { startSimulator } from '../../simulator/index.js';
import type { Ticket } from '../../generated/v1_6/index.js';

declare const at: Connection<'1.6'>;
declare const partitions: number | undefined;
declare const readBack: boolean | undefined;

export async function optionsMayBeUndefined(password: string): Promise<void> {
  await connect({
    username: 'u',
    password,
    integrationCode: 'C',
    url: process.env['ATWS_URL'],
    supportFilesPath: process.env['ATWS_SUPPORT_FILES'],
    timeoutMs: undefined,
    debug: undefined,
  });
  // @ts-expect-error a required option is still required -> Type 'undefined' is not assignable to type 'string'
  await connect({ username: 'u', password, integrationCode: process.env['ATWS_INTEGRATION_CODE'] });
  at.query(new Query('Ticket').where('id', 'GreaterThan', 0), { partitions, ordered: undefined });
  at.create([] as Ticket[], { readBack });
  await at.picklist('Ticket', { includeInactive: readBack });
  await startSimulator({ port: undefined, db: process.env['ATWS_SIM_DB'], tickets: partitions });
}
