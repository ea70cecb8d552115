// The two ways a notice leaves the building: email through the school's SMTP server, and an
// HTTP webhook for an SMS gateway. Each answers with what the other side said, or throws.
import nodemailer from 'nodemailer';
import type { NoticeChannel } from '@rollcall/contracts';

export interface OutgoingNotice {
  id: string;
  recipient: string;
  language: string;
  subject: string;
  body: string;
}

export interface NoticeTransport {
  /** The receiving server's answer (e.g. "250 OK queued"); throws when it refused or could not be reached. */
  send(n: OutgoingNotice): Promise<string>;
}

export interface SmtpSettings {
  host: string;
  port: number;
  /** TLS from the first byte (port 465); otherwise STARTTLS when the server offers it. */
  secure: boolean;
  user: string | null;
  password: string | null;
  from: string;
}

export interface WebhookSettings {
  url: string;
  /** Sent as a bearer token so the gateway knows the call is the school's. */
  token: string | null;
}

/** Short enough that a claim (NOTICE_LEASE_MS in the dispatcher) outlives any one attempt. */
const TIMEOUT_MS = 20_000;

export function smtpTransport(s: SmtpSettings): NoticeTransport {
  const transporter = nodemailer.createTransport({
    host: s.host,
    port: s.port,
    secure: s.secure,
    ...(s.user !== null && { auth: { user: s.user, pass: s.password ?? '' } }),
    connectionTimeout: TIMEOUT_MS,
    greetingTimeout: TIMEOUT_MS,
    socketTimeout: TIMEOUT_MS,
  });
  return {
    async send(n) {
      const info = await transporter.sendMail({
        from: s.from,
        to: n.recipient,
        subject: n.subject,
        // Plain text only: no HTML part exists for a name to become markup in.
        text: n.body,
        // The same id on a retry lets a receiving server drop a copy if a first attempt did arrive.
        messageId: `<${n.id}@notice.rollcall>`,
        headers: { 'Content-Language': n.language },
        disableFileAccess: true,
        disableUrlAccess: true,
      });
      if (info.rejected.length) throw new Error(`refused by the mail server: ${info.response}`);
      return info.response;
    },
  };
}

export function webhookTransport(w: WebhookSettings): NoticeTransport {
  return {
    async send(n) {
      const res = await fetch(w.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(w.token && { authorization: `Bearer ${w.token}` }) },
        // The id lets the gateway drop a repeat: the same notice always carries the same id.
        body: JSON.stringify({ id: n.id, to: n.recipient, language: n.language, text: `${n.subject}\n${n.body}` }),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      const answer = `HTTP ${res.status}`;
      await res.body?.cancel();
      if (!res.ok) throw new Error(`the SMS gateway answered ${answer}`);
      return answer;
    },
  };
}

export type Transports = Partial<Record<NoticeChannel, NoticeTransport>>;

export const channelsOf = (t: Transports): NoticeChannel[] => (['email', 'sms'] as const).filter((c) => t[c] !== undefined);
