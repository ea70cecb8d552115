// The notice settings read from the environment: nothing configured sends nothing; SMTP_* and
// NOTICE_FROM come together, and a wrong one stops the server naming the variable.
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.ts';

describe('notice configuration', () => {
  it('sends nothing when nothing is configured', () => {
    expect(loadConfig({}).notices).toEqual({ smtp: null, webhook: null });
  });

  it('reads the mail server, its login and the sender, and the SMS gateway', () => {
    const c = loadConfig({
      SMTP_HOST: 'mail.oak.example',
      SMTP_USER: 'rollcall',
      SMTP_PASSWORD: 's3cret',
      NOTICE_FROM: 'Oak School <office@oak.example>',
      NOTICE_SMS_WEBHOOK_URL: 'https://sms.oak.example/send',
      NOTICE_SMS_WEBHOOK_TOKEN: 'tok',
    });
    expect(c.notices).toEqual({
      smtp: { host: 'mail.oak.example', port: 587, secure: false, user: 'rollcall', password: 's3cret', from: 'Oak School <office@oak.example>' },
      webhook: { url: 'https://sms.oak.example/send', token: 'tok' },
    });
    expect(loadConfig({ SMTP_HOST: 'mail.oak.example', SMTP_SECURE: 'true', NOTICE_FROM: 'office@oak.example' }).notices.smtp).toMatchObject({
      port: 465,
      secure: true,
      user: null,
    });
  });

  it.each([
    [{ SMTP_HOST: 'mail.oak.example' }, /^NOTICE_FROM: /],
    [{ SMTP_HOST: 'mail.oak.example', NOTICE_FROM: 'office@oak.example\r\nBcc: all@evil.example' }, /^NOTICE_FROM: /],
    [{ SMTP_USER: 'rollcall' }, /^SMTP_USER: .*SMTP_HOST/],
    [{ SMTP_HOST: 'mail.oak.example', NOTICE_FROM: 'office@oak.example', SMTP_PORT: 'smtp' }, /^SMTP_PORT: /],
    [{ NOTICE_SMS_WEBHOOK_URL: 'ftp://sms.oak.example' }, /^NOTICE_SMS_WEBHOOK_URL: /],
  ])('refuses %o naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });
});
