// Times private and first-render pages in-process (no network), to profile the render path with `node --cpu-prof --import tsx bench/render-probe.ts DATABASE [ROUNDS] [PATH...]`.
import { createDb } from '../src/db/create-db.ts';
import { createServices } from '../src/services/index.ts';
import { buildApp } from '../src/web/app.ts';

const [url, roundsText, ...pages] = process.argv.slice(2);
const rounds = Number(roundsText ?? 500);
// A cookie keeps every request out of the page cache (src/web/page-cache.ts), so each is a first rendering.
const headers = { cookie: 'bench=rendering' };
const database = await createDb(url);
const services = createServices({ database });
const app = await buildApp({ services });
await app.ready();
for (const page of pages.length > 0 ? pages : ['/sign-in']) {
  const first = await app.inject({ method: 'GET', url: page, headers });
  const started = performance.now();
  const cpuAtStart = process.cpuUsage();
  for (let i = 0; i < rounds; i += 1) await app.inject({ method: 'GET', url: page, headers });
  const ms = (performance.now() - started) / rounds;
  const cpu = process.cpuUsage(cpuAtStart);
  // CPU time is steadier than elapsed time on a shared machine.
  const cpuMs = (cpu.user + cpu.system) / 1000 / rounds;
  process.stdout.write(
    `${String(first.statusCode).padEnd(4)} ${ms.toFixed(2).padStart(7)} ms, ${cpuMs.toFixed(2).padStart(7)} ms CPU  ${first.body.length} bytes  ${page}\n`,
  );
}
await app.close();
await database.close();
