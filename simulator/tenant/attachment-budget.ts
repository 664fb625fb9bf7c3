/**
 * How many attachment bytes an integration may upload: "a maximum of 10,000,000 bytes within a
 * five-minute period ... If the integration exceeds 10,000,000 bytes within a five-minute span,
 * the API will also stop accepting attachment creation calls for five minutes" (AttachmentInfo
 * entity page, the Attachment API calls page and REST's thresholds page say the same). Kept per
 * tracking identifier ("your integration"); only attachments stored count.
 */

/** Bytes an integration may upload within {@link ATTACHMENT_WINDOW_MS}. */
export const ATTACHMENT_BYTES_PER_WINDOW = 10_000_000;

/** The rolling window of the budget, and how long uploads are refused once it is exceeded. */
export const ATTACHMENT_WINDOW_MS = 5 * 60 * 1000;

interface Uploads {
  /** Upload times and sizes in ascending time. */
  readonly entries: Array<{ readonly at: number; readonly bytes: number }>;
  /** Until when attachment creation is refused (0: not refused). */
  blockedUntil: number;
}

export class AttachmentBudget {
  readonly #byUploader = new Map<string, Uploads>();

  constructor(private readonly now: () => number = Date.now) {}

  #uploads(uploader: string, now: number): Uploads {
    let uploads = this.#byUploader.get(uploader);
    if (uploads === undefined) {
      uploads = { entries: [], blockedUntil: 0 };
      this.#byUploader.set(uploader, uploads);
    }
    const { entries } = uploads;
    let expired = 0;
    while (expired < entries.length && (entries[expired]?.at ?? 0) <= now - ATTACHMENT_WINDOW_MS) expired++;
    if (expired > 0) entries.splice(0, expired);
    return uploads;
  }

  /** Why `uploader` may not create an attachment now (refused for five minutes), or undefined. */
  blocked(uploader: string): string | undefined {
    const now = this.now();
    const { blockedUntil } = this.#uploads(uploader, now);
    if (blockedUntil <= now) return undefined;
    return (
      `Attachment upload limit exceeded: more than ${ATTACHMENT_BYTES_PER_WINDOW} bytes were sent within five minutes, ` +
      `so attachments are refused until ${new Date(blockedUntil).toISOString()}.`
    );
  }

  /**
   * Takes `bytes` from the budget of `uploader`; when they would pass it, refuses them and every
   * attachment of `uploader` for the next five minutes, and answers why.
   */
  take(uploader: string, bytes: number): string | undefined {
    const now = this.now();
    const uploads = this.#uploads(uploader, now);
    const used = uploads.entries.reduce((sum, e) => sum + e.bytes, 0);
    if (used + bytes > ATTACHMENT_BYTES_PER_WINDOW) {
      uploads.blockedUntil = now + ATTACHMENT_WINDOW_MS;
      return (
        `Attachment upload limit exceeded: ${used} bytes were uploaded within the last five minutes and this attachment has ${bytes}; ` +
        `at most ${ATTACHMENT_BYTES_PER_WINDOW} are allowed within five minutes, so attachments are refused until ` +
        `${new Date(uploads.blockedUntil).toISOString()}.`
      );
    }
    uploads.entries.push({ at: now, bytes });
    return undefined;
  }
}
