// Hooks for the language choices on the Settings page: a person's own language (kept with their
// account) and the school's default (admins). Each saved choice is spoken at once.
import { useMutation } from '@tanstack/react-query';
import type { Me } from '@rollcall/contracts';
import { call } from '../api/client.ts';
import { queryClient } from '../data/queryClient.ts';
import { heardMe } from '../core/language-choice.ts';
import { rememberMe } from '../local/device-state.ts';

/** Saves the signed-in person's own language (null: follow the device); the answer is the new `me`. */
export function useSaveMyLanguage() {
  return useMutation({
    mutationFn: (language: string | null) => call('setMyLanguage', { body: { language } }),
    onSuccess: async (me: Me) => {
      rememberMe(me);
      queryClient.setQueryData(['auth'], { status: 'signed-in', me, offline: false });
      await heardMe(me);
    },
  });
}

/** Saves the school's default language (admins); everyone's `me` says it from now on. */
export function useSaveSchoolLanguage() {
  return useMutation({
    mutationFn: (language: string | null) => call('setSchoolLanguage', { body: { language } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['auth'] }),
  });
}
