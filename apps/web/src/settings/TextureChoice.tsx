// The Settings choice for a face that moves like a person but whose skin the camera cannot tell
// from a photo or a screen: ask the teacher, or mark and flag it. Each option shows what it did on
// real footage (texture-choice.ts), so a school chooses on measured rates, not on a feeling.
import type { Settings } from '../core/settings.ts';
import { TEXTURE_CHOICE_RATES } from './texture-choice.ts';
import { t } from '../core/i18n.ts';

/** The two options, read when drawn (in the language spoken then). */
const textureOptions = (): { value: Settings['unsureTexture']; label: string; rates: readonly string[] }[] => [
  {
    value: 'review',
    label: t({ id: 'settings.texture.review.label', defaultMessage: 'Ask me (the face waits in Needs review)' }),
    rates: [TEXTURE_CHOICE_RATES.review.attacksMarked, TEXTURE_CHOICE_RATES.review.peopleWaiting],
  },
  {
    value: 'flag',
    label: t({ id: 'settings.texture.flag.label', defaultMessage: 'Mark the student, and flag the mark in the register' }),
    rates: [TEXTURE_CHOICE_RATES.flag.attacksMarked, TEXTURE_CHOICE_RATES.flag.peopleFlagged],
  },
];

/** What happens to a face that moves like a person but whose skin the camera cannot tell from a photo or a screen. */
export function TextureChoice({
  value,
  disabled,
  onChange,
}: {
  value: Settings['unsureTexture'];
  disabled: boolean;
  onChange: (v: Settings['unsureTexture']) => void;
}) {
  return (
    <fieldset className="setting texture-choice" disabled={disabled} aria-describedby="set-texture-help">
      <legend>{t({ id: 'settings.texture.legend', defaultMessage: 'When a face may be a photo or a screen' })}</legend>
      <p id="set-texture-help" className="hint">
        {t({
          id: 'settings.texture.help',
          defaultMessage:
            'Some faces move like a person, but the camera cannot tell their skin from a photo or a phone screen. Faces that clearly are a photo or a screen are never marked.',
        })}
        {disabled && ` ${t({ id: 'settings.texture.needsLiveness', defaultMessage: 'Applies only with the liveness check on.' })}`}
      </p>
      {textureOptions().map((o) => (
        <div key={o.value} className="texture-option">
          <label className="inline">
            <input
              type="radio"
              name="set-texture"
              value={o.value}
              checked={value === o.value}
              aria-describedby={`set-texture-${o.value}-rates`}
              onChange={() => onChange(o.value)}
            />
            {o.label}
          </label>
          <p id={`set-texture-${o.value}-rates`} className="hint">
            {o.rates.join(' ')}
          </p>
        </div>
      ))}
    </fieldset>
  );
}
