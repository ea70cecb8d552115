// `pnpm bench [part] [args...]`: runs one benchmark part (scripts/bench/<part>.ts) or all of them.
// Each part prints its figures next to a baseline measured in the same process.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'bench');
const parts = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith('.ts'))
  .map((f) => f.slice(0, -3))
  .sort();
// Parts that seed a whole district run for most of an hour: only when named.
const namedOnly = new Set(['district']);
const [first, ...rest] = process.argv.slice(2);
const chosen = first && !first.startsWith('-') ? [first] : parts.filter((p) => !namedOnly.has(p));
const args = first && !first.startsWith('-') ? rest : process.argv.slice(2);

for (const part of chosen) {
  if (!parts.includes(part)) {
    console.error(`Unknown benchmark part "${part}". Parts: ${parts.join(', ')}`);
    process.exit(2);
  }
  const mod = (await import(path.join(dir, `${part}.ts`))) as { run: (args: string[]) => Promise<void> };
  if (chosen.length > 1) console.log(`\n### ${part}\n`);
  await mod.run(args);
}
process.exit(0);
