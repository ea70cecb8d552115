// District benchmark on MySQL: 50 schools of 40 classes and 1,000 students (3 embeddings each), a
// term of ended registration sessions, seeded straight through SQL; then the API in this process
// answers a school laptop's first pull and its pull after 100 changes, the registers, and the
// daily and per-student statistics for one school and for the district, p50/p95 over repeated
// calls, with the EXPLAIN of the SQL each ran. Everything is measured twice: without the
// district indexes (migration 0013) and after creating them on the full tables.
// `pnpm bench district [--students 50000] [--days 60] [--repeat 5] [--district-repeat 3] [--pull-repeat 2]
// [--indexed-only] [--pulls-only] [--stats-only] [--keep] [--database <name>]`;
// --students 2000 is a smoke run. --database measures a district an earlier `--keep` run seeded
// (no seed, no drop): its shape is read from the tables and checked.
import { randomUUID } from 'node:crypto';
import { createConnection } from 'mysql2/promise';
import { MemorySyncTarget } from '@rollcall/sync';
import { openDatabase } from '../../apps/api/src/db/database.ts';
import { migrateToLatest } from '../../apps/api/src/db/migrator.ts';
import { createServices } from '../../apps/api/src/services.ts';
import * as districtIndexes from '../../apps/api/src/db/migrations/0013_district_indexes.ts';
import { explain, printPlans, type PlanLine } from './district/explain.ts';
import { expectedEmbeddings, hundredChanges, laptopPull, percentile, readFigures, type Figure } from './district/measure.ts';
import { reuseDistrict } from './district/reuse.ts';
import { seedDistrict, studentsOfSchool, type Seeded } from './district/seed.ts';
import { QueryRecorder, serveDistrict } from './district/serve.ts';
import { CLASS_SIZE, shapeOf } from './district/shape.ts';

const ROOT = process.env.BENCH_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306';
const opt = (args: string[], name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const given = (args: string[], name: string) => (args.includes(`--${name}`) ? opt(args, name, NaN) : undefined);
/** `--database <name>`: a database an earlier `--keep` run seeded. */
function reusedName(args: string[]): string | null {
  const i = args.indexOf('--database');
  if (i < 0) return null;
  const name = args[i + 1];
  if (!name || !/^[A-Za-z0-9_]{1,64}$/.test(name)) throw new Error('--database needs the name of a database an earlier --keep run seeded (letters, digits, _)');
  return name;
}
/** The indexes migration 0013 creates, to say which phase a plan was taken in. */
export const DISTRICT_INDEXES = ['class_sessions_day'];

const fmt = (ms: number) => (ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${ms.toFixed(ms < 10 ? 1 : 0)} ms`);
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(2)} MB`;
const line = (f: Figure) =>
  f.samples.length === 0
    ? `  ${f.what.padEnd(62)} no sample (see the failure above)`
    : `  ${f.what.padEnd(62)} p50 ${fmt(percentile(f.samples, 50)).padStart(8)}  p95 ${fmt(percentile(f.samples, 95)).padStart(8)}  (n=${f.samples.length})${f.note ? `  ${f.note}` : ''}`;

async function indexesPresent(conn: Awaited<ReturnType<typeof createConnection>>, database: string) {
  const [rows] = (await conn.query('SELECT DISTINCT index_name AS name FROM information_schema.statistics WHERE table_schema = ?', [database])) as unknown as [
    { name: string }[],
  ];
  return DISTRICT_INDEXES.filter((n) => rows.some((r) => r.name === n));
}

export async function run(args: string[]) {
  const reused = reusedName(args);
  let shape = shapeOf(opt(args, 'students', 50_000), opt(args, 'days', 60));
  const repeat = opt(args, 'repeat', 5);
  // The district-wide statistics and a laptop's first pull take long at full size: fewer samples.
  const districtRepeat = opt(args, 'district-repeat', 3);
  const pullRepeat = opt(args, 'pull-repeat', 2);
  const name = reused ?? `rollcall_district_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const url = `${ROOT}/${name}`;
  const admin = await createConnection({ uri: ROOT });
  if (reused) {
    const [found] = (await admin.query('SELECT schema_name FROM information_schema.schemata WHERE schema_name = ?', [name])) as unknown as [unknown[]];
    if (found.length === 0) {
      await admin.end();
      throw new Error(`--database ${name}: no such database`);
    }
  } else await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin`);
  await admin.end();
  const conn = await createConnection({ uri: url, supportBigNumbers: true, timezone: 'Z', charset: 'utf8mb4' });
  const migrated = openDatabase({ dialect: 'mysql', url, poolSize: 2 });
  const warmDb = openDatabase({ dialect: 'mysql', url, poolSize: 10 });
  let server: Awaited<ReturnType<typeof serveDistrict>> | null = null;
  const indexedOnly = args.includes('--indexed-only');
  try {
    await migrateToLatest(migrated.db);
    // The "before" phase is the schema without the district indexes (kept when only the "after" is measured).
    if ((await indexesPresent(conn, name)).length && !indexedOnly) await districtIndexes.down(migrated.db);
    let seeded: Seeded;
    let measured = 0;
    if (reused) {
      const r = await reuseDistrict(conn, { students: given(args, 'students'), days: given(args, 'days'), changedSchoolWillDo: args.includes('--stats-only') });
      ({ shape, seeded } = r);
      measured = r.school;
      console.log(
        `District on MySQL, database ${name} as it stands: ${Object.entries(seeded.rows)
          .map(([t, n]) => `${t} ${n}`)
          .join(', ')}`,
      );
    } else {
      console.log(`District on MySQL, database ${name}`);
      const now = Date.now();
      const t0 = performance.now();
      seeded = await seedDistrict(migrated.db, shape, now);
      const seedMs = performance.now() - t0;
      const a0 = performance.now();
      for (const t of Object.keys(seeded.rows)) await conn.query(`ANALYZE TABLE ${t}`);
      console.log(
        `  seeded in ${fmt(seedMs)} (+ ANALYZE ${fmt(performance.now() - a0)}): ${Object.entries(seeded.rows)
          .map(([t, n]) => `${t} ${n}`)
          .join(', ')}`,
      );
    }
    console.log(
      `  ${shape.schools} schools, ${shape.classes} classes of ${CLASS_SIZE}, ${shape.students} students x 3 embeddings, ${shape.days} school days of one ended session a class`,
    );

    const recorder = new QueryRecorder();
    server = await serveDistrict(url, recorder);
    const school = seeded.schools[0]!;
    const from = seeded.days[0]!;
    const to = seeded.days.at(-1)!;
    let changedFrom = 0;
    const plans = new Map<string, PlanLine[]>();

    // --indexed-only skips the phase without 0013's indexes; --pulls-only measures the laptops' pulls alone, --stats-only the statistics alone.
    const statsOnly = args.includes('--stats-only');
    const phases = indexedOnly ? (['with district indexes'] as const) : (['without district indexes', 'with district indexes'] as const);
    for (const phase of phases) {
      if (phase === 'with district indexes' && !(await indexesPresent(conn, name)).length) {
        const i0 = performance.now();
        await districtIndexes.up(migrated.db);
        console.log(`\n  created ${DISTRICT_INDEXES.join(', ')} on the full tables in ${fmt(performance.now() - i0)}`);
      }
      console.log(`\n${phase} (${(await indexesPresent(conn, name)).join(', ') || 'none of 0013'}):`);
      const figures: Figure[] = [];
      if (!statsOnly) {
        for (const [who, token, students] of [
          [`the school laptop (${school.classIds.length} classes)`, school.schoolLaptopToken, studentsOfSchool(shape, measured).length],
          ['a class laptop (1 class)', school.classLaptopToken, CLASS_SIZE],
        ] as const) {
          const runs = [];
          for (let i = 0; i < pullRepeat; i++) {
            recorder.record(i === 0 ? `first-pull ${who}` : null);
            runs.push(await laptopPull(server.base, token));
          }
          recorder.record(null);
          const last = runs.at(-1)!;
          const held = last.target.embeddings.size;
          if (changedFrom === 0 && held !== expectedEmbeddings(students))
            throw new Error(`${who} holds ${held} embeddings after its first pull, not ${expectedEmbeddings(students)}`);
          figures.push({
            what: `first pull, ${who}`,
            samples: runs.map((r) => r.ms),
            note: `${last.requests} pages, ${mb(last.bytes)} (${mb(last.gzip)} gzipped); ${last.target.students.size} students, ${held} embeddings`,
          });
          if (who.startsWith('the school') && changedFrom === 0) {
            changedFrom = last.result.revision;
            await hundredChanges(server.base, seeded.adminToken, studentsOfSchool(shape, measured));
          }
        }
        const deltas = [];
        for (let i = 0; i < repeat; i++) {
          const target = new MemorySyncTarget();
          target.revision = changedFrom;
          recorder.record(i === 0 ? 'delta-pull' : null);
          deltas.push(await laptopPull(server.base, school.schoolLaptopToken, target));
        }
        recorder.record(null);
        const d = deltas.at(-1)!;
        const r = d.result;
        figures.push({
          what: 'pull after 100 changes in the school, the school laptop',
          samples: deltas.map((x) => x.ms),
          note: `${d.requests} page, ${(d.bytes / 1e3).toFixed(1)} kB (${(d.gzip / 1e3).toFixed(1)} kB gzipped); students +${r.students.upserted} -${r.students.deleted}, embeddings +${r.embeddings.upserted} -${r.embeddings.deleted}`,
        });
      }
      if (!args.includes('--pulls-only'))
        figures.push(
          ...(await readFigures(
            {
              base: server.base,
              adminToken: seeded.adminToken,
              headToken: school.headToken,
              classIds: seeded.classIds,
              schoolClassIds: school.classIds,
              from,
              to,
            },
            recorder,
            repeat,
            districtRepeat,
            statsOnly,
            async () => {
              await conn.query('DELETE FROM class_day_student_statuses');
              await conn.query('DELETE FROM class_day_summaries');
            },
            // As an instance's background warm runs it, on a pool of the API's size (serve.ts), without its pauses.
            () => createServices({ db: warmDb.db, dialect: 'mysql', now: Date.now, cooldownMs: 0 }, { retentionDays: null }).stats.warmSummary({ pauseMs: 0 }),
          )),
        );
      for (const f of figures) console.log(line(f));
      for (const [label, queries] of recorder.byLabel) plans.set(`${label} (${phase})`, await explain(conn, queries));
      for (const [label, lines] of plans) if (label.endsWith(`(${phase})`)) printPlans(label, lines);
    }
  } finally {
    await server?.close();
    await migrated.close();
    await warmDb.close();
    await conn.end();
    if (!args.includes('--keep') && !reused) {
      const c = await createConnection({ uri: ROOT });
      await c.query(`DROP DATABASE \`${name}\``);
      await c.end();
    } else console.log(`kept database ${name}`);
  }
}
