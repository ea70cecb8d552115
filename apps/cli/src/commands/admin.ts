// `rollcall admin create --email E [--name N] [--api URL]`: creates the first admin of a new
// Rollcall through the API's first-run endpoint (open only while no admin exists). The password
// comes from ROLLCALL_PASSWORD or standard input, never from the command line (shell history).
import { apiClient } from '../api-client.ts';
import { UsageError } from '../paths.ts';

async function readPassword(): Promise<string> {
  const fromEnv = process.env.ROLLCALL_PASSWORD;
  if (fromEnv) return fromEnv;
  if (process.stdin.isTTY) process.stderr.write('Password for the new admin (at least 10 characters), then Enter: ');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) {
    chunks.push(chunk as Buffer);
    if (Buffer.concat(chunks).includes(10)) break;
  }
  return Buffer.concat(chunks).toString('utf8').split('\n')[0]!.trim();
}

function option(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
}

export async function adminCommand(argv: string[]): Promise<void> {
  if (argv[0] !== 'create') throw new UsageError('usage: rollcall admin create --email E [--name N] [--api URL] (password from ROLLCALL_PASSWORD or stdin)');
  const email = option(argv, 'email');
  if (!email) throw new UsageError('rollcall admin create needs --email');
  const api = apiClient(option(argv, 'api') ?? process.env.ROLLCALL_API ?? 'http://localhost:8080', undefined);
  const password = await readPassword();
  const result = await api.setup({ body: { email, name: option(argv, 'name') ?? email.split('@')[0]!, password } });
  console.log(`Created admin ${result.user.email}. Sign in at ${api.base} and create personal tokens (for ROLLCALL_TOKEN) under your account.`);
}
