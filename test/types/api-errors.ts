// Compile-time checks: `e instanceof ApiError` narrows to ApiError<unknown>, not ApiError<any> (a
// generic class's prototype is typed with `any`), so a catch clause cannot read a misspelt field of
// a failed entity; entitiesOf(Ticket) types them by their class, checked entity by entity.
// See entity-read-write.ts for the "->".
import { ApiError, type AtwsError, ThreadLimitError, type Connection } from '../../runtime/index.js';
import { Ticket } from '../../generated/v1_6/index.js';

declare const at: Connection<'1.6'>;

export async function typedErrors(tickets: Ticket[]): Promise<void> {
  try {
    await at.create(tickets).execute();
  } catch (e) {
    if (e instanceof ApiError) {
      const messages: readonly string[] = e.messages;
      const operation: string = e.details.operation;
      // @ts-expect-error a catch clause does not know what failed -> Object is of type 'unknown'
      e.failed[0]?.entity.Titel.toFixed();
      // @ts-expect-error nor as any -> Type 'unknown' is not assignable to type 'Ticket | undefined'
      const first: Ticket | undefined = e.succeeded[0];
      for (const { entity, message } of e.entitiesOf(Ticket).failed) {
        const title: string | undefined = entity.Title;
        void [title, message];
      }
      // @ts-expect-error typed by the class: a misspelt field is caught -> Property 'Titel' does not exist on type 'Ticket'
      void e.entitiesOf(Ticket).unknown[0]?.Titel;
      void [messages, operation, first];
    }
    // Subclasses narrow as themselves, and are ApiErrors and AtwsErrors.
    if (e instanceof ThreadLimitError) {
      const api: ApiError = e;
      const base: AtwsError = e;
      void [api, base];
    }
  }
}
