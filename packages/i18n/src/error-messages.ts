// What each API error code says to a person, in their language: the web app shows these instead
// of the server's English, and the API answers with them to a caller of another language. The
// details an error carries become the message's arguments.
import type { ClientErrorCode } from '@rollcall/contracts';
import type { Translator } from './translator.ts';
import { issueMessage } from './validation-messages.ts';

type Details = Record<string, unknown>;

const text = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined);

/** The first validation issue in the person's words, with the field it is about ("guardians.0.email: Invalid email address"). */
function firstIssue(tr: Translator, d: Details): string | undefined {
  const issues = d.issues;
  if (!Array.isArray(issues)) return undefined;
  const first = (issues[0] ?? {}) as { path?: unknown; message?: unknown };
  const message = text(issueMessage(tr, first));
  if (!message) return undefined;
  const path = text(first.path);
  return path ? `${path}: ${message}` : message;
}

/** The sentence for a refused enrolment without consent: who, why, and what to do instead. */
export function consentRequiredMessage(tr: Translator, details: unknown): string {
  const d = (details ?? {}) as Details;
  const who = text(d.studentId) ?? tr.t({ id: 'errors.consentRequired.thisStudent', defaultMessage: 'This student' });
  if (d.status === 'refused' || d.status === 'withdrawn') {
    return tr.t(
      {
        id: 'errors.consentRequired.refused',
        defaultMessage:
          '{who}: consent to use their face was {status, select, refused {refused} other {withdrawn}}, so no photos were saved. Take their attendance by hand.',
      },
      { who, status: d.status },
    );
  }
  return tr.t(
    {
      id: 'errors.consentRequired.notRecorded',
      defaultMessage:
        '{who} has no recorded consent to use their face, so no photos were saved. Record consent on their page first, or take their attendance by hand.',
    },
    { who },
  );
}

/** A person's sentence for an error code (the API's closed set, or the client's own failures). */
export function errorMessage(tr: Translator, code: ClientErrorCode, details?: unknown, status?: number): string {
  const d = (details && typeof details === 'object' ? details : {}) as Details;
  switch (code) {
    case 'invalid-json':
    case 'unsupported-media-type':
      return tr.t({ id: 'errors.unreadableRequest', defaultMessage: 'The server could not read what was sent. Reload the page and try again.' });
    case 'validation-failed': {
      const reason = firstIssue(tr, d);
      return reason
        ? tr.t({ id: 'errors.validationFailed.reason', defaultMessage: 'The server did not accept this: {reason}' }, { reason })
        : tr.t({ id: 'errors.validationFailed', defaultMessage: 'The server did not accept this. Check what was entered and try again.' });
    }
    case 'embedding-wrong-dimension':
    case 'embedding-not-finite':
    case 'embedding-all-zero':
    case 'embedding-not-base64':
    case 'unknown-model':
      return tr.t({
        id: 'errors.faceData',
        defaultMessage: "This face data does not fit the school's face model. Reload the page and take the photos again.",
      });
    case 'session-not-in-class':
      return tr.t({ id: 'errors.sessionNotInClass', defaultMessage: 'That session belongs to another class.' });
    case 'session-ended':
      return tr.t({ id: 'errors.sessionEnded', defaultMessage: 'This session has already ended.' });
    case 'period-overlap': {
      const [label, startsAt, endsAt] = [text(d.label), text(d.startsAt), text(d.endsAt)];
      return label && startsAt && endsAt
        ? tr.t(
            { id: 'errors.periodOverlap.named', defaultMessage: 'This class already has {label} from {startsAt} to {endsAt} on that day.' },
            { label, startsAt, endsAt },
          )
        : tr.t({ id: 'errors.periodOverlap', defaultMessage: 'This class already has a period at that time on that day.' });
    }
    case 'period-not-in-class':
      return tr.t({ id: 'errors.periodNotInClass', defaultMessage: 'That period belongs to another class.' });
    case 'pairing-code-invalid':
      return tr.t({ id: 'errors.pairingCodeInvalid', defaultMessage: 'That pairing code is unknown, used or expired. Ask for a new one.' });
    case 'consent-required':
      return consentRequiredMessage(tr, details);
    case 'learned-embeddings-full':
      return tr.t({ id: 'errors.learnedFull', defaultMessage: 'This student already has as many learned faces as may be kept.' });
    case 'unauthenticated':
      // Signing in with a wrong password is refused with the same code as a call without a session.
      return d.reason === 'wrong-credentials'
        ? tr.t({ id: 'errors.wrongCredentials', defaultMessage: 'Wrong email or password.' })
        : tr.t({ id: 'errors.unauthenticated', defaultMessage: 'You are not signed in. Sign in and try again.' });
    case 'forbidden':
      return tr.t({ id: 'errors.forbidden', defaultMessage: 'You may not do this.' });
    case 'insecure-connection':
      return tr.t({ id: 'errors.insecureConnection', defaultMessage: "Open the school's https address: passwords are never sent over plain http." });
    case 'route-not-found':
      return tr.t({ id: 'errors.routeNotFound', defaultMessage: 'The server does not know this request. Reload the page: the app may be out of date.' });
    case 'student-not-found':
      return tr.t({ id: 'errors.studentNotFound', defaultMessage: 'No such student: they may have been deleted.' });
    case 'class-not-found':
      return tr.t({ id: 'errors.classNotFound', defaultMessage: 'No such class: it may have been deleted.' });
    case 'session-not-found':
      return tr.t({ id: 'errors.sessionNotFound', defaultMessage: 'No such session: it may have been deleted.' });
    case 'embedding-not-found':
      return tr.t({ id: 'errors.embeddingNotFound', defaultMessage: 'No such face photo: it may have been deleted.' });
    case 'mark-not-found':
      return tr.t({ id: 'errors.markNotFound', defaultMessage: 'No such mark: it may have been deleted.' });
    case 'user-not-found':
      return tr.t({ id: 'errors.userNotFound', defaultMessage: 'No such account: it may have been deleted.' });
    case 'device-not-found':
      return tr.t({ id: 'errors.deviceNotFound', defaultMessage: 'No such laptop: it may have been removed.' });
    case 'device-revoked':
      return tr.t({ id: 'errors.deviceRevoked', defaultMessage: 'This laptop was revoked and cannot be changed. Register and pair a new one instead.' });
    case 'token-not-found':
      return tr.t({ id: 'errors.tokenNotFound', defaultMessage: 'No such token: it may have been revoked.' });
    case 'period-not-found':
      return tr.t({ id: 'errors.periodNotFound', defaultMessage: 'No such period: it may have been removed.' });
    case 'term-not-found':
      return tr.t({ id: 'errors.termNotFound', defaultMessage: 'No such term: it may have been removed.' });
    case 'cover-not-found':
      return tr.t({ id: 'errors.coverNotFound', defaultMessage: 'No such cover: it may have been removed.' });
    case 'duplicate-student-id':
      return tr.t({ id: 'errors.duplicateStudentId', defaultMessage: 'A student with this id already exists.' });
    case 'student-id-retired':
      return tr.t(
        {
          id: 'errors.studentIdRetired',
          defaultMessage: 'The id {studentId} belonged to a deleted student whose marks were kept. Choose another id.',
        },
        { studentId: text(d.studentId) ?? '' },
      );
    case 'learning-refused':
      return tr.t({ id: 'errors.learningRefused', defaultMessage: 'The server did not keep this learned face.' });
    case 'duplicate-class-name':
      return tr.t({ id: 'errors.duplicateClassName', defaultMessage: 'A class with this name already exists.' });
    case 'duplicate-email':
      return tr.t({ id: 'errors.duplicateEmail', defaultMessage: 'An account with this email already exists.' });
    case 'payload-too-large':
      return tr.t({ id: 'errors.payloadTooLarge', defaultMessage: 'What was sent is too large for the server.' });
    case 'rate-limited':
      return tr.t(
        {
          id: 'errors.rateLimited',
          defaultMessage:
            '{seconds, plural, =0 {Too many tries. Wait a moment and try again.} one {Too many tries. Try again in # second.} other {Too many tries. Try again in # seconds.}}',
        },
        { seconds: typeof d.retryAfterSeconds === 'number' ? Math.ceil(d.retryAfterSeconds) : 0 },
      );
    case 'internal':
      return tr.t({ id: 'errors.internal', defaultMessage: 'Something went wrong on the server. Try again; if it keeps happening, tell your admin.' });
    case 'database-unavailable':
      return tr.t({ id: 'errors.databaseUnavailable', defaultMessage: 'The server cannot reach its database just now. Try again in a moment.' });
    case 'network':
      return tr.t({ id: 'errors.network', defaultMessage: 'Cannot reach the server. Check the network and try again.' });
    case 'timeout':
      return tr.t({ id: 'errors.timeout', defaultMessage: 'The server took too long to answer. Try again.' });
    case 'bad-response':
      return tr.t({ id: 'errors.badResponse', defaultMessage: 'The server sent an answer the app cannot read. Reload the page.' });
    default:
      // Only the client's `http-<status>` is left: a new API code fails to compile here until it has its sentence.
      code satisfies `http-${number}`;
      return tr.t(
        { id: 'errors.httpStatus', defaultMessage: 'The server answered with an error ({status}).' },
        { status: status ?? code.replace(/^http-/, '') },
      );
  }
}
