// The Settings choice for a face that may be a photo or a screen: both options in plain words,
// each with the rates measured on real footage beside it, the stored choice checked.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { TextureChoice } from './TextureChoice.tsx';
import { TEXTURE_CHOICE_RATES } from './texture-choice.ts';

const html = (value: 'review' | 'flag', disabled = false) => renderToStaticMarkup(createElement(TextureChoice, { value, disabled, onChange: () => {} }));

describe('the texture choice in Settings', () => {
  it('offers "ask me" and "mark and flag", each with its measured rates, and checks the stored one', () => {
    const page = html('flag');
    expect(page).toContain('<legend>When a face may be a photo or a screen</legend>');
    expect(page).toContain('Ask me (the face waits in Needs review)');
    expect(page).toContain('Mark the student, and flag the mark in the register');
    for (const rate of [...Object.values(TEXTURE_CHOICE_RATES.review), ...Object.values(TEXTURE_CHOICE_RATES.flag)]) expect(page).toContain(rate);
    expect(page).toMatch(/checked="" value="flag"/);
    expect(page.match(/checked=""/g)).toHaveLength(1);
  });

  it('is off, and says why, while the liveness check is off', () => {
    expect(html('review', true)).toMatch(/<fieldset[^>]* disabled=""/);
    expect(html('review', true)).toContain('Applies only with the liveness check on.');
    expect(html('review')).not.toContain('Applies only');
  });
});
