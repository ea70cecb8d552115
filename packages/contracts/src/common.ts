// Schemas reused across resources: ids, times, paging.
import { z } from 'zod';
import { check, FIXED_CHECK_TEXT } from './checks.ts';
import { cleanFreeText, unsafeTextCode, unsafeTextReason } from './text.ts';

export { cleanFreeText, MAX_COMBINING_RUN, unsafeTextCode, unsafeTextReason, type UnsafeTextCode } from './text.ts';

/** A school's own student id ("S001"): URL-safe so it can sit in a path and a folder name. */
export const StudentId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, FIXED_CHECK_TEXT['student-id-format']);

export const Uuid = z.uuid();

/** The last millisecond of year 9999 in UTC: later instants break ISO strings (a year 10000 is "+010000"). */
const LAST_INSTANT_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/**
 * An instant with its zone, e.g. 2026-11-24T08:59:03.120+01:00 (a device's local time keeps its
 * offset), within years 1970-9999 in UTC: 9999-12-31T23:59:59.999-23:59 is year 10000 in UTC and
 * would be stored, then fail every answer that contains it.
 */
export const Instant = z.iso.datetime({ offset: true }).refine(
  (iso) => {
    const ms = Date.parse(iso);
    return ms >= 0 && ms <= LAST_INSTANT_MS;
  },
  { message: 'must fall between the years 1970 and 9999 in UTC', params: check('instant-out-of-range') },
);

/** A name people read (student, account, class, device): trimmed, 1..max characters, nothing that spoofs the display. */
export const DisplayName = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .superRefine((text, ctx) => {
      const why = unsafeTextCode(text);
      if (why) ctx.addIssue({ code: 'custom', message: `The name ${unsafeTextReason(text)}.`, params: check('name-unsafe', { reason: why }) });
    });

/**
 * Text a person writes beside a record (a reason, a note) or a label a client sends: cleaned by
 * cleanFreeText (one line, nothing invisible), then at most `max` characters.
 */
export const FreeText = (max: number) => z.string().transform(cleanFreeText).pipe(z.string().max(max));

/** A calendar day, YYYY-MM-DD. */
export const Day = z.iso.date();

export const Paging = {
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000_000).default(0),
};

export const IdParams = z.strictObject({ id: Uuid });

export const Ok = z.object({ ok: z.literal(true) });
