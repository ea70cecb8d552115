// Sends due notices, one at a time per instance. Each is claimed first (a lease, taken by one
// conditional UPDATE), then checked again (a reason recorded since cancels it), sent, and settled
// by the claim's holder only. A crash between claim and send leaves the lease to run out, and then
// any instance sends it; a refusal leaves it pending with a growing pause, until maxAttempts.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB, NoticeOutboxTable } from '../../db/schema.ts';
import { isoWithOffset, serverOffset } from '../../shared/time.ts';
import { BUILT_IN_TEMPLATES, renderNotice, type NoticeValues } from './notice-templates.ts';
import { readPolicy } from './notice-policy.ts';
import type { Transports } from './notice-transports.ts';
import * as repo from './notices.repository.ts';
import type { NoticesDeps } from './notices-deps.ts';

type Reads = Pick<NoticesDeps, 'attendance' | 'guardianContacts' | 'settings'>;

/** What a notice's placeholders are filled from, read at send time so a reason recorded meanwhile is seen. */
async function noticeFacts(db: Kysely<DB>, n: NoticeOutboxTable, { attendance, guardianContacts }: Reads) {
  const mark = await attendance.markForNotice(db, n.mark_id);
  const guardian = await guardianContacts.contact(db, n.guardian_id);
  return { mark, guardian };
}

export interface DispatcherOptions {
  pollMs: number;
  /** How long a claim holds a notice: longer than any one send may take. */
  leaseMs: number;
  /** The pause after the first failure; it doubles with each further one, up to an hour. */
  retryBaseMs: number;
  maxAttempts: number;
  now: () => number;
  log: (msg: string, err?: unknown) => void;
}

export const DISPATCHER_DEFAULTS = { pollMs: 5_000, leaseMs: 120_000, retryBaseMs: 30_000, maxAttempts: 10 };

const MAX_PAUSE_MS = 3_600_000;
const BATCH = 20;

const clip = (text: string, max = 1000) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** Why a notice must not go (the absence explained or gone, the guardian gone or not to be contacted), or null. */
function cancelReason(facts: Awaited<ReturnType<typeof noticeFacts>>): string | null {
  const { mark, guardian } = facts;
  if (!mark) return 'cancelled: the absence was removed';
  if (mark.status !== 'absent') return `cancelled: the mark was changed to ${mark.status}`;
  if (mark.reason) return 'cancelled: a reason was recorded';
  if (!guardian) return 'cancelled: the guardian was removed';
  if (Number(guardian.may_contact) !== 1) return 'cancelled: the guardian may not be contacted';
  return null;
}

function placeholders(facts: Awaited<ReturnType<typeof noticeFacts>>): NoticeValues {
  const m = facts.mark!;
  // The school's wall clock: a session ended on the server has no device offset to go by.
  const time = (ms: number | null) => (ms === null ? '' : isoWithOffset(Number(ms), serverOffset(Number(ms))).slice(11, 16));
  const period = m.period ?? (m.starts_at === null ? '' : [time(m.starts_at), time(m.ends_at)].filter(Boolean).join('–'));
  return { student: m.student_name, class: m.class_name ?? '', period, date: m.marked_day, guardian: facts.guardian!.name };
}

/** `reads`: what a notice is checked and filled from, through the features that hold it. */
export function noticeDispatcher(db: Kysely<DB>, transports: Transports, o: DispatcherOptions, reads: Reads) {
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<number> | null = null;
  let again = false;
  let stopped = true;

  async function template(language: string) {
    const policy = await readPolicy(db, reads.settings);
    for (const lang of [language, policy.defaultLanguage, 'en']) {
      const t = (await repo.findTemplate(db, lang)) ?? BUILT_IN_TEMPLATES[lang];
      if (t) return t;
    }
    return BUILT_IN_TEMPLATES.en!;
  }

  async function deliver(n: NoticeOutboxTable, token: string): Promise<void> {
    const facts = await noticeFacts(db, n, reads);
    const cancelled = cancelReason(facts);
    const transport = transports[n.channel as keyof Transports];
    if (cancelled || !transport) {
      await repo.settle(db, n.id, token, { state: 'cancelled', result: cancelled ?? `cancelled: ${n.channel} is not configured` }, o.now());
      return;
    }
    const text = renderNotice(await template(n.language), placeholders(facts));
    try {
      const answer = await transport.send({ id: n.id, recipient: n.recipient, language: n.language, ...text });
      if (!(await repo.settle(db, n.id, token, { state: 'sent', sent_at: o.now(), result: clip(answer), ...text }, o.now()))) {
        o.log(`notice ${n.id} was sent after its claim ran out`);
      }
    } catch (err) {
      const attempts = Number(n.attempts);
      const why = clip(err instanceof Error ? err.message : String(err));
      const pause = Math.min(MAX_PAUSE_MS, o.retryBaseMs * 2 ** (attempts - 1));
      const change =
        attempts >= o.maxAttempts ? { state: 'failed', result: `gave up after ${attempts} attempts: ${why}` } : { send_after: o.now() + pause, result: why };
      await repo.settle(db, n.id, token, change, o.now());
    }
  }

  /** One pass over what is due; the number of notices this instance claimed. */
  async function pass(): Promise<number> {
    let claimed = 0;
    for (const id of await repo.dueIds(db, o.now(), BATCH)) {
      const token = randomUUID();
      if (!(await repo.claim(db, id, token, o.now(), o.leaseMs))) continue;
      claimed++;
      const n = (await repo.findNotice(db, id))!;
      try {
        await deliver(n, token);
      } catch (err) {
        // The database failed mid-way: the lease runs out and the notice is tried again then.
        o.log(`notice ${id} could not be settled`, err);
      }
    }
    return claimed;
  }

  function schedule(ms: number) {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void run(), ms);
    timer.unref();
  }

  /** Runs passes until one finds nothing; a wake-up during a pass asks for one more. */
  function run(): Promise<number> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      let total = 0;
      try {
        do {
          again = false;
          const n = await pass();
          total += n;
          if (n === BATCH) again = true;
        } while (again && !stopped);
      } catch (err) {
        o.log('notice dispatch failed', err);
      } finally {
        running = null;
        schedule(o.pollMs);
      }
      return total;
    })();
    return running;
  }

  return {
    start() {
      stopped = false;
      schedule(0);
    },
    /** A session just ended: look now rather than at the next poll. */
    wake() {
      if (!stopped) void run();
    },
    runOnce: run,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
export type NoticeDispatcher = ReturnType<typeof noticeDispatcher>;
