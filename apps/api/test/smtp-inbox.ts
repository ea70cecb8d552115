// A real SMTP server on localhost for tests: it receives what the API sends, parses each message,
// and can be told to refuse mail (a temporary 451) to see the sender retry; and a relay in front of
// it that can hold connections without a word, as a hung mail server does.
import net, { type AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface Received {
  to: string[];
  mail: ParsedMail;
  /** When the last byte arrived (Date.now()). */
  at: number;
}

export interface Inbox {
  port: number;
  received: Received[];
  /** While true, every recipient is refused with 451 (try again later). */
  refusing: boolean;
  /** Resolves once `count` messages have arrived; rejects after `ms`. */
  waitFor: (count: number, ms?: number) => Promise<Received[]>;
  close: () => Promise<void>;
}

export async function startInbox(): Promise<Inbox> {
  const inbox: Inbox = {
    port: 0,
    received: [],
    refusing: false,
    waitFor: async (count, ms = 30_000) => {
      const until = Date.now() + ms;
      while (inbox.received.length < count) {
        if (Date.now() > until) throw new Error(`waited ${ms} ms for ${count} messages, ${inbox.received.length} arrived`);
        await new Promise((r) => setTimeout(r, 20));
      }
      return inbox.received;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (inbox.refusing) return callback(Object.assign(new Error('Mailbox busy, try again later'), { responseCode: 451 }));
      callback();
    },
    onData(stream, session, callback) {
      simpleParser(stream).then(
        (mail) => {
          inbox.received.push({ to: session.envelope.rcptTo.map((r) => r.address), mail, at: Date.now() });
          callback();
        },
        (err: Error) => callback(err),
      );
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  inbox.port = (server.server.address() as AddressInfo).port;
  return inbox;
}

/** Between the API and the inbox: passes connections through, or holds them without a word (a hung mail server). */
export async function startRelay(target: number) {
  const held: net.Socket[] = [];
  const relay = { hang: false, held, port: 0, close: () => new Promise<void>((r) => server.close(() => r())) };
  const server = net.createServer((socket) => {
    if (relay.hang) return void held.push(socket);
    const upstream = net.connect(target, '127.0.0.1');
    socket.pipe(upstream).pipe(socket);
    const end = () => (socket.destroy(), upstream.destroy());
    socket.on('error', end);
    upstream.on('error', end);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  relay.port = (server.address() as AddressInfo).port;
  return relay;
}
