// Which language the app speaks, from the choices people made: the signed-in person's own (kept
// with their account), this device's (kept in this browser), the browser's languages, the school's
// default, English. The server's two are heard from the signed-in answer (`me`) and remembered
// with it, so a laptop opened offline speaks as it did.
import type { Me } from '@rollcall/contracts';
import { pickLanguage } from '@rollcall/i18n';
import { cachedMe } from '../local/device-state.ts';
import { language, LANGUAGES, setLanguage } from './i18n.ts';

const DEVICE_KEY = 'rollcall.language';

export interface LanguageChoices {
  /** The signed-in person's own choice. */
  user: string | null;
  /** This device's choice. */
  device: string | null;
  /** The browser's languages, most wanted first (navigator.languages). */
  browser: readonly string[];
  /** The school's default. */
  school: string | null;
}

/** The language to speak: the first of the choices, in order, that the app has (English when none). */
export function chooseLanguage(c: LanguageChoices, available: readonly string[] = LANGUAGES): string {
  return pickLanguage([c.user, c.device, ...c.browser, c.school], available);
}

/** What the server said of the caller and the school (the `me` answer). */
function serverChoices(me: Me | null): Pick<LanguageChoices, 'user' | 'school'> {
  return { user: me?.actor.kind === 'user' ? (me.actor.user.language ?? null) : null, school: me?.schoolLanguage ?? null };
}

let server = serverChoices(safe(() => cachedMe(), null));

function safe<T>(read: () => T, fallback: T): T {
  try {
    return read();
  } catch {
    return fallback;
  }
}

/** This device's own choice, or null to follow the browser and the school. */
export function deviceLanguage(): string | null {
  return safe(() => localStorage.getItem(DEVICE_KEY), null);
}

/** The choices in force now. */
export function currentChoices(): LanguageChoices {
  return { ...server, device: deviceLanguage(), browser: typeof navigator === 'undefined' ? [] : navigator.languages };
}

let applied = false;

/** Speaks the language the choices give, if it is not the one spoken already (the first call always: it sets the page's lang and dir). */
export async function applyLanguage(): Promise<void> {
  const next = chooseLanguage(currentChoices());
  if (applied && next === language.state) return;
  applied = true;
  await setLanguage(next);
}

/** Hears who is signed in (null: nobody) and follows their language and the school's. */
export function heardMe(me: Me | null): Promise<void> {
  server = me ? serverChoices(me) : { user: null, school: server.school };
  return applyLanguage();
}

/** Chooses this device's language (null: follow the browser and the school) and speaks it. */
export function chooseDeviceLanguage(tag: string | null): Promise<void> {
  safe(() => (tag ? localStorage.setItem(DEVICE_KEY, tag) : localStorage.removeItem(DEVICE_KEY)), undefined);
  return applyLanguage();
}
