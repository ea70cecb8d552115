// Which language a person reads Rollcall in: their own choice (kept with their account), else this
// device's, else the browser's, else the school's default, else English. Which languages exist is
// the catalogues' business (@rollcall/i18n); the wire only checks a tag is well formed.
import { z } from 'zod';
import { FIXED_CHECK_TEXT } from './checks.ts';

/** A BCP 47 language tag as people choose them: "de", "es", "ar", "pt-BR". */
export const Language = z
  .string()
  .max(16)
  .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, FIXED_CHECK_TEXT['language-tag-format']);
export type Language = z.infer<typeof Language>;

/** A person's or the school's choice; null goes back to the default below it. */
export const LanguageChoice = z.strictObject({ language: Language.nullable() });
export type LanguageChoice = z.infer<typeof LanguageChoice>;
