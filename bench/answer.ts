/**
 * npm run bench:answer — time from a signed `/occupancy building 71 <date>` to the answer
 * arriving at response_url: the very first answer (token, reference data and insights all
 * fetched), cold days (insights fetched), and warm repeats (served from cache).
 */
import { addDays } from '../src/domain/time';
import { createSlackDriver } from '../dev/slack';
import { BENCH_SECRET, percentile, startBenchBot } from './support';

const DAYS = Number(process.env.BENCH_DAYS ?? 20);

async function main() {
  const bot = await startBenchBot();
  try {
    const driver = createSlackDriver({ workspace: bot.slack, appUrl: `http://127.0.0.1:${bot.app.port}`, signingSecret: BENCH_SECRET });
    const ask = async (text: string): Promise<number> => {
      const t0 = performance.now();
      const res = await driver.command('U0LOCAL001', 'C0GENERAL', '/occupancy', text);
      const post = await bot.slack.waitForResponse(res.responseUrlId, undefined, 30_000);
      const ms = performance.now() - t0;
      if (!JSON.stringify(post.body).includes('DEMO')) throw new Error(`unexpected answer to ${text}: ${JSON.stringify(post.body).slice(0, 200)}`);
      return ms;
    };
    const first = await ask('building 71');
    const today = new Date(bot.app.clock.now()).toISOString().slice(0, 10);
    const dates = Array.from({ length: DAYS }, (_, i) => addDays(today, -(i + 2)));
    const cold: number[] = [];
    for (const d of dates) cold.push(await ask(`building 71 ${d}`));
    const warm: number[] = [];
    for (const d of dates) warm.push(await ask(`building 71 ${d}`));
    const stats = bot.app.innerspace.stats();
    const fmt = (xs: number[]) => {
      const s = [...xs].sort((a, b) => a - b);
      return `p50 ${percentile(s, 50).toFixed(1)} ms  p99 ${percentile(s, 99).toFixed(1)} ms  max ${s[s.length - 1]!.toFixed(1)} ms`;
    };
    console.log('bench:answer — command → answer at response_url, building 71, embedded simulator and Slack on loopback');
    console.log(`first answer after start (token + reference data + insights): ${first.toFixed(1)} ms`);
    console.log(`cold days (${DAYS} dates, insights fetched):  ${fmt(cold)}`);
    console.log(`warm repeats (same ${DAYS} dates, cached):      ${fmt(warm)}`);
    console.log(`InnerSpace: ${stats.upstreamRequests} upstream requests, ${stats.tokenRequests} token requests, ${stats.cacheHits} cache hits`);
  } finally {
    await bot.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
