// Times each public page in-process (no network) over an archive, first rendering and then reuse, to find slow pages: `tsx bench/profile-pages.ts DATABASE [ROUNDS]`.
import { createDb } from '../src/db/create-db.ts';
import { createServices } from '../src/services/index.ts';
import { buildApp } from '../src/web/app.ts';

const [url, roundsText] = process.argv.slice(2);
const rounds = Number(roundsText ?? 20);
const database = await createDb(url);
const services = createServices({ database });
const app = await buildApp({ services });
await app.ready();
const db = database.db;
const meeting = await db
  .selectFrom('meetings')
  .select(['slug', 'id'])
  .where('status', '=', 'held')
  .orderBy('id', 'desc')
  .offset(300)
  .limit(1)
  .executeTakeFirstOrThrow();
const review = await db.selectFrom('scrutiny_reviews').select('slug').where('status', '=', 'monitoring').orderBy('id').limit(1).executeTakeFirstOrThrow();
const issue = await db
  .selectFrom('issue_considerations')
  .select('issue_id')
  .select((eb) => eb.fn.countAll().as('n'))
  .groupBy('issue_id')
  .orderBy('n', 'desc')
  .limit(1)
  .executeTakeFirstOrThrow();
const issueSlug = (await db.selectFrom('issues').select('slug').where('id', '=', issue.issue_id).executeTakeFirstOrThrow()).slug;
const committee = await db.selectFrom('organisations').select('slug').where('kind', '=', 'scrutiny_committee').limit(1).executeTakeFirstOrThrow();
const person = await db.selectFrom('people').select('slug').where('kind', '=', 'councillor').limit(1).executeTakeFirstOrThrow();
const pages = [
  '/',
  '/committees',
  `/committees/${committee.slug}`,
  '/meetings',
  `/meetings/${meeting.slug}`,
  '/issues',
  `/issues/${issueSlug}`,
  '/reviews',
  `/reviews/${review.slug}`,
  `/reviews/${review.slug}/recommendations/1`,
  '/people',
  `/people/${person.slug}`,
  '/tracker',
  '/search?q=housing',
  '/api/v1/meetings',
  `/api/v1/meetings/${meeting.id}`,
  '/decisions.atom',
  '/recommendations.atom',
];
for (const page of pages) {
  const coldStarted = performance.now();
  const first = await app.inject({ method: 'GET', url: page });
  const cold = performance.now() - coldStarted;
  const started = performance.now();
  for (let i = 0; i < rounds; i += 1) await app.inject({ method: 'GET', url: page });
  const ms = (performance.now() - started) / rounds;
  process.stdout.write(`${String(first.statusCode).padEnd(4)} first ${cold.toFixed(1).padStart(8)} ms, then ${ms.toFixed(1).padStart(7)} ms  ${page}\n`);
}
await app.close();
await database.close();
