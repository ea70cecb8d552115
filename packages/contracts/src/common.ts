// Schemas reused across resources: ids, times, paging.
import { z } from 'zod';

/** A school's own student id ("S001"): URL-safe so it can sit in a path and a folder name. */
export const StudentId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'letters, digits, ".", "_" and "-" only, starting with a letter or digit');

export const Uuid = z.uuid();

/** The last millisecond of year 9999 in UTC: later instants break ISO strings (a year 10000 is "+010000"). */
const LAST_INSTANT_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/**
 * An instant with its zone, e.g. 2026-11-24T08:59:03.120+01:00 (a device's local time keeps its
 * offset), within years 1970-9999 in UTC: 9999-12-31T23:59:59.999-23:59 is year 10000 in UTC and
 * would be stored, then fail every answer that contains it.
 */
export const Instant = z.iso.datetime({ offset: true }).refine((iso) => {
  const ms = Date.parse(iso);
  return ms >= 0 && ms <= LAST_INSTANT_MS;
}, 'must fall between 1970 and 9999 in UTC');

/**
 * Characters refused in names people read: controls (NUL, tabs, line breaks), bidi embeddings,
 * overrides, isolates and marks (they reorder what is displayed: "Ali\u202Egnp.exe"), invisible
 * spaces, word joiners and byte-order marks. ZWNJ and ZWJ are allowed between letters (Persian
 * and Indic names need them, and emoji sequences), nowhere else.
 */
const INVISIBLE = /[\p{Cc}\u00AD\u061C\u180E\u200B\u200E\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF\uFFF9-\uFFFB]/u;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const LONE_JOINER = /(?<![\p{L}\p{M}\p{Extended_Pictographic}])[\u200C\u200D]|[\u200C\u200D](?![\p{L}\p{M}\p{Extended_Pictographic}])/u;

/** Why a name shown to people is unsafe to store, or null. Lone surrogates are not valid UTF-8 and would be stored as U+FFFD. */
export function unsafeTextReason(text: string): string | null {
  if (LONE_SURROGATE.test(text)) return 'contains a broken character (a lone surrogate)';
  if (INVISIBLE.test(text)) return 'contains a control, invisible or text-direction character';
  if (LONE_JOINER.test(text)) return 'contains a zero-width joiner outside a word';
  return null;
}

/** A name people read (student, account, class, device): trimmed, 1..max characters, nothing that spoofs the display. */
export const DisplayName = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .superRefine((text, ctx) => {
      const why = unsafeTextReason(text);
      if (why) ctx.addIssue({ code: 'custom', message: `The name ${why}.` });
    });

/** A calendar day, YYYY-MM-DD. */
export const Day = z.iso.date();

export const Paging = {
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000_000).default(0),
};

export const IdParams = z.strictObject({ id: Uuid });

export const Ok = z.object({ ok: z.literal(true) });
