// Row types of every table, as the migrations create them. `COLUMNS` repeats the column names at
// run time so a test can compare them with the migrated MySQL and SQLite schemas: the types and
// the migrations cannot drift apart unnoticed. Times are epoch milliseconds (same on both dialects).
import type { Generated } from 'kysely';

export interface StudentsTable {
  student_id: string;
  name: string;
  email: string | null;
  created_at: number;
  updated_at: number;
  /** The latest of consent_history (not-asked when there is none); see @rollcall/contracts ConsentStatus. */
  consent_status: Generated<string>;
}

export interface FaceEmbeddingsTable {
  id: string;
  student_id: string;
  model_id: string;
  dim: number;
  vector: Uint8Array;
  quality: number;
  source_hash: string;
  created_at: number;
  /** 'photo' or 'sighting' (0006); a sighting names the device, how it was confirmed and when. */
  origin: Generated<string>;
  learned_device: string | null;
  learned_how: string | null;
  sighted_at: number | null;
}

export interface ClassesTable {
  id: string;
  name: string;
  created_at: number;
  updated_at: number;
}

export interface ClassStudentsTable {
  class_id: string;
  student_id: string;
}

export interface ClassSessionsTable {
  id: string;
  class_id: string;
  starts_at: number;
  ends_at: number | null;
  late_after_minutes: number;
  day: string;
  created_at: number;
  /** The timetable period this session was started for (0008): one session per period and day. */
  period_id: string | null;
}

export interface AttendanceMarksTable {
  id: string;
  student_id: string;
  session_id: string | null;
  class_id: string | null;
  device_id: string;
  marked_at: number;
  /** The device's local calendar day (YYYY-MM-DD) at marked_at: what "today" means in a school. */
  marked_day: string;
  /** The device's UTC offset in minutes, to give back markedAt as the device wrote it. */
  marked_offset: number;
  received_at: number;
  similarity: number | null;
  method: string;
  status: string;
  /** An excused student's reason, or a correction's (0005). */
  reason: string | null;
  /** Who made or last changed the mark: a user's or device token's id, and its name then (0005). */
  marked_by: string | null;
  marked_by_name: string | null;
}

export interface AttendanceAuditTable {
  id: string;
  mark_id: string;
  action: string;
  before_json: string;
  after_json: string | null;
  reason: string | null;
  at: number;
  /** Who made the change (0005). */
  actor_id: string | null;
  actor_name: string | null;
}

/** One row: the current revision of students, embeddings and rosters (the sync cursor). */
export interface SyncStateTable {
  id: number;
  revision: number;
  /** Revisions after this one log each roster join ('member' rows); older ones do not. */
  member_log_from: number;
}

export interface ChangeLogTable {
  revision: number;
  entity: string;
  entity_id: string;
  op: string;
  at: number;
  /** For a deletion: a class whose roster held the entity (one row per class), so a scoped sync sends only its own. */
  class_id: string | null;
}

/** Outgoing live events, read by every API instance: the fan-out works across instances. */
export interface EventsTable {
  id: Generated<number>;
  type: string;
  payload: string;
  at: number;
}

export interface UsersTable {
  id: string;
  email: string;
  name: string;
  role: string;
  password_hash: string;
  disabled_at: number | null;
  created_at: number;
  updated_at: number;
  /** The language this person chose for themselves (0012); null follows device, browser and school. */
  language: string | null;
  /** The revision at which this account's classes last changed (0015): a sync from before it starts again from a whole set. */
  scope_revision: number;
}

export interface ClassTeachersTable {
  class_id: string;
  user_id: string;
}

export interface AuthSessionsTable {
  id_hash: string;
  user_id: string;
  created_at: number;
  expires_at: number;
}

export interface ApiTokensTable {
  id: string;
  kind: string;
  token_hash: string;
  name: string;
  user_id: string | null;
  created_by: string | null;
  created_at: number;
  last_used_at: number | null;
  revoked_at: number | null;
  /** A device's: the revision at which an admin last changed its classes (0: never). */
  scope_revision: number;
}

export interface DeviceClassesTable {
  token_id: string;
  class_id: string;
}

/** A fixed-window counter shared by every API instance; key is a sha256 hex of what it counts. */
export interface RateCountersTable {
  key: string;
  window_start: number;
  count: number;
  last_at: number;
}

/** (account, address) pairs that signed in before, as sha256 hex: exempt from account- and address-wide delays. */
export interface SignInKnownTable {
  key: string;
  last_at: number;
}

/** Every change of a student's biometric consent; also its audit (who, when, what was deleted). */
export interface ConsentHistoryTable {
  id: string;
  student_id: string;
  status: string;
  on_behalf_of: string | null;
  note: string | null;
  recorded_by: string | null;
  recorded_by_name: string;
  embeddings_deleted: number;
  at: number;
}

/** School-wide settings an admin changes in the app (values JSON-encoded); absent = the default. */
export interface SchoolSettingsTable {
  key: string;
  value: string;
  updated_at: number;
}

export interface SettingsAuditTable {
  id: string;
  key: string;
  before_value: string | null;
  after_value: string | null;
  user_id: string | null;
  user_name: string;
  at: number;
}

export interface DevicePairingsTable {
  code_hash: string;
  token_id: string;
  sealed_token: string;
  expires_at: number;
}

/** A weekly period of a class (0008): weekday 1 (Monday) to 7, local wall-clock HH:MM times. */
export interface ClassPeriodsTable {
  id: string;
  class_id: string;
  label: string;
  weekday: number;
  starts_at: string;
  ends_at: string;
  late_after_minutes: number;
  created_at: number;
}

/** A school term (0008): periods run only on days inside a term, once any term is set. */
export interface SchoolTermsTable {
  id: string;
  name: string;
  first_day: string;
  last_day: string;
  created_at: number;
}

/** A teacher who takes a class for one day (0008). */
export interface ClassCoversTable {
  id: string;
  class_id: string;
  user_id: string;
  day: string;
  created_at: number;
}

/** A student's guardian (0010): who is told of an unexplained absence, and how. */
export interface GuardiansTable {
  id: string;
  student_id: string;
  position: number;
  name: string;
  relation: string | null;
  email: string | null;
  phone: string | null;
  language: string | null;
  /** 1 when the school may send this guardian notices. */
  may_contact: number;
  /** The guardian's id in the school's information system (OneRoster sourcedId), to update on re-import. */
  source_id: string | null;
  created_at: number;
  updated_at: number;
}

/** The school's notice wording in one language (0010). */
export interface NoticeTemplatesTable {
  language: string;
  subject: string;
  body: string;
  updated_at: number;
}

/** One notice to one guardian about one absence (0010), from queued to sent, cancelled or failed. */
export interface NoticeOutboxTable {
  id: string;
  mark_id: string;
  guardian_id: string;
  student_id: string;
  channel: string;
  recipient: string;
  language: string;
  day: string;
  state: string;
  send_after: number;
  attempts: number;
  claim_token: string | null;
  claimed_until: number | null;
  subject: string | null;
  body: string | null;
  result: string | null;
  sent_at: number | null;
  created_at: number;
  updated_at: number;
}

/** A code of the school's attendance code set (0011): the status it counts as, one default per status. */
export interface AttendanceCodesTable {
  id: string;
  code: string;
  meaning: string;
  status: string;
  is_default: number;
  position: number;
  updated_at: number;
  updated_by_name: string;
}

/** A reason an office picks to explain an absence (0011), and the code it gives. */
export interface AbsenceReasonsTable {
  id: string;
  label: string;
  code: string;
  position: number;
}

/** A class's summary epoch (0016): raised by every write that can change the class's statistics. */
export interface ClassSummaryEpochsTable {
  class_id: string;
  epoch: number;
}

/** The statistics of a class's settled school day, cached (0016); trusted only at the class's current epoch. */
export interface ClassDaySummariesTable {
  class_id: string;
  day: string;
  epoch: number;
  sessions: number;
  expected: number;
  present: number;
  late: number;
  excused: number;
  absent: number;
}

/** A roster student's statuses other than present over a summarised class-day, counted (0016). */
export interface ClassDayStudentStatusesTable {
  class_id: string;
  day: string;
  epoch: number;
  student_id: string;
  status: string;
  n: number;
}

/** One row (id 1, 0018): the server-local day up to which covers have changed their teachers' scopes (null: not yet). */
export interface TimetableStateTable {
  id: number;
  covers_rolled_to: string | null;
}

export interface DB {
  students: StudentsTable;
  face_embeddings: FaceEmbeddingsTable;
  classes: ClassesTable;
  class_students: ClassStudentsTable;
  class_sessions: ClassSessionsTable;
  attendance_marks: AttendanceMarksTable;
  attendance_audit: AttendanceAuditTable;
  sync_state: SyncStateTable;
  change_log: ChangeLogTable;
  events: EventsTable;
  users: UsersTable;
  class_teachers: ClassTeachersTable;
  auth_sessions: AuthSessionsTable;
  api_tokens: ApiTokensTable;
  device_classes: DeviceClassesTable;
  rate_counters: RateCountersTable;
  sign_in_known: SignInKnownTable;
  consent_history: ConsentHistoryTable;
  school_settings: SchoolSettingsTable;
  settings_audit: SettingsAuditTable;
  device_pairings: DevicePairingsTable;
  class_periods: ClassPeriodsTable;
  school_terms: SchoolTermsTable;
  class_covers: ClassCoversTable;
  attendance_codes: AttendanceCodesTable;
  absence_reasons: AbsenceReasonsTable;
  guardians: GuardiansTable;
  notice_templates: NoticeTemplatesTable;
  notice_outbox: NoticeOutboxTable;
  class_summary_epochs: ClassSummaryEpochsTable;
  class_day_summaries: ClassDaySummariesTable;
  class_day_student_statuses: ClassDayStudentStatusesTable;
  timetable_state: TimetableStateTable;
}

type ColumnSet<T> = { [K in keyof T]-?: true };

export const COLUMNS: { [T in keyof DB]: ColumnSet<DB[T]> } = {
  students: { student_id: true, name: true, email: true, created_at: true, updated_at: true, consent_status: true },
  face_embeddings: {
    id: true,
    student_id: true,
    model_id: true,
    dim: true,
    vector: true,
    quality: true,
    source_hash: true,
    created_at: true,
    origin: true,
    learned_device: true,
    learned_how: true,
    sighted_at: true,
  },
  classes: { id: true, name: true, created_at: true, updated_at: true },
  class_students: { class_id: true, student_id: true },
  class_sessions: { id: true, class_id: true, starts_at: true, ends_at: true, late_after_minutes: true, day: true, created_at: true, period_id: true },
  attendance_marks: {
    id: true,
    student_id: true,
    session_id: true,
    class_id: true,
    device_id: true,
    marked_at: true,
    marked_day: true,
    marked_offset: true,
    received_at: true,
    similarity: true,
    method: true,
    status: true,
    reason: true,
    marked_by: true,
    marked_by_name: true,
  },
  attendance_audit: { id: true, mark_id: true, action: true, before_json: true, after_json: true, reason: true, at: true, actor_id: true, actor_name: true },
  sync_state: { id: true, revision: true, member_log_from: true },
  change_log: { revision: true, entity: true, entity_id: true, op: true, at: true, class_id: true },
  events: { id: true, type: true, payload: true, at: true },
  users: {
    id: true,
    email: true,
    name: true,
    role: true,
    password_hash: true,
    disabled_at: true,
    created_at: true,
    updated_at: true,
    language: true,
    scope_revision: true,
  },
  class_teachers: { class_id: true, user_id: true },
  auth_sessions: { id_hash: true, user_id: true, created_at: true, expires_at: true },
  api_tokens: {
    id: true,
    kind: true,
    token_hash: true,
    name: true,
    user_id: true,
    created_by: true,
    created_at: true,
    last_used_at: true,
    revoked_at: true,
    scope_revision: true,
  },
  device_classes: { token_id: true, class_id: true },
  rate_counters: { key: true, window_start: true, count: true, last_at: true },
  sign_in_known: { key: true, last_at: true },
  consent_history: {
    id: true,
    student_id: true,
    status: true,
    on_behalf_of: true,
    note: true,
    recorded_by: true,
    recorded_by_name: true,
    embeddings_deleted: true,
    at: true,
  },
  school_settings: { key: true, value: true, updated_at: true },
  settings_audit: { id: true, key: true, before_value: true, after_value: true, user_id: true, user_name: true, at: true },
  device_pairings: { code_hash: true, token_id: true, sealed_token: true, expires_at: true },
  class_periods: { id: true, class_id: true, label: true, weekday: true, starts_at: true, ends_at: true, late_after_minutes: true, created_at: true },
  school_terms: { id: true, name: true, first_day: true, last_day: true, created_at: true },
  class_covers: { id: true, class_id: true, user_id: true, day: true, created_at: true },
  attendance_codes: { id: true, code: true, meaning: true, status: true, is_default: true, position: true, updated_at: true, updated_by_name: true },
  absence_reasons: { id: true, label: true, code: true, position: true },
  guardians: {
    id: true,
    student_id: true,
    position: true,
    name: true,
    relation: true,
    email: true,
    phone: true,
    language: true,
    may_contact: true,
    source_id: true,
    created_at: true,
    updated_at: true,
  },
  notice_templates: { language: true, subject: true, body: true, updated_at: true },
  notice_outbox: {
    id: true,
    mark_id: true,
    guardian_id: true,
    student_id: true,
    channel: true,
    recipient: true,
    language: true,
    day: true,
    state: true,
    send_after: true,
    attempts: true,
    claim_token: true,
    claimed_until: true,
    subject: true,
    body: true,
    result: true,
    sent_at: true,
    created_at: true,
    updated_at: true,
  },
  class_summary_epochs: { class_id: true, epoch: true },
  class_day_summaries: { class_id: true, day: true, epoch: true, sessions: true, expected: true, present: true, late: true, excused: true, absent: true },
  class_day_student_statuses: { class_id: true, day: true, epoch: true, student_id: true, status: true, n: true },
  timetable_state: { id: true, covers_rolled_to: true },
};
