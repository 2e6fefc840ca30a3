/**
 * Every example the help message and the README show is a command someone will paste: each one
 * runs through the real app in local mode (the simulator's directory, the embedded Slack) and
 * must get a real answer — an answer, a list or a form — never "couldn't find" or "didn't
 * understand". The examples run in the order they are shown, in a workspace of their own per
 * source, so `digest send 1` follows the `digest add` shown before it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { escapeCommandText } from '../../../dev/console/slack-behaviour';
import { buildHelpMessage } from '../../../src/slack/blocks';
import { SUBCOMMANDS } from '../../../src/slack/parser';
import { startTestApp, type TestApp } from './harness';
import { PATIENCE_MS } from '../../support/patience';

const USER = 'U0LOCAL001';
const CHANNEL = 'C0FACILITY';

/** Words that mean an example did not answer. */
const REFUSED = /I couldn't find|I didn't understand|isn't a (building|zone|date|channel|subscription|digest)|Something went wrong|No occupancy data was published|isn't published yet|is not published yet for|needs a|I couldn't/i;

/** Placeholders (`<id>`, `…`) are grammar, not examples. */
const isExample = (command: string) => !/[<>…]|&lt;|&gt;/.test(command);

function helpExamples(): string[] {
  const texts = buildHelpMessage().blocks.flatMap((b) => {
    const block = b as { text?: { text?: string }; elements?: { text?: string }[] };
    return [block.text?.text ?? '', ...(block.elements ?? []).map((e) => e.text ?? '')];
  });
  const commands: string[] = [];
  for (const text of texts) {
    for (const [, code] of text.matchAll(/`([^`]+)`/g)) {
      if (code === undefined) continue;
      // "`digest send 1`" after "`/occupancy digest list`" is the same command, abbreviated.
      const first = code.split(' ')[0] ?? '';
      const command = code.startsWith('/occupancy') ? code : (SUBCOMMANDS as readonly string[]).includes(first) && code.includes(' ') ? `/occupancy ${code}` : null;
      if (command !== null && isExample(command)) commands.push(command);
    }
  }
  return commands;
}

function readmeExamples(): string[] {
  const readme = readFileSync(join(__dirname, '../../../README.md'), 'utf8');
  const commands: string[] = [];
  let inCode = false;
  for (const line of readme.split('\n')) {
    if (line.trimStart().startsWith('```')) {
      inCode = !inCode;
      continue;
    }
    if (inCode) {
      if (line.startsWith('/occupancy')) commands.push(line.trim());
      continue;
    }
    for (const [, code] of line.matchAll(/`(\/occupancy[^`]*)`/g)) if (code !== undefined) commands.push(code);
  }
  return commands.filter(isExample);
}

/** What the command answered: its ack when that is the answer, else its response_url posts or the form it opened. */
async function answerTo(t: TestApp, command: string): Promise<string> {
  const opened = t.slack.callsTo('views.open').length;
  const text = command.replace(/^\/occupancy\s*/, '');
  const res = await t.driver.command(USER, CHANNEL, '/occupancy', escapeCommandText(t.slack.state, text));
  expect(res.status).toBe(200);
  if (res.body !== undefined) return JSON.stringify(res.body);
  await t.slack.waitFor(
    () => t.slack.responses.some((r) => r.id === res.responseUrlId) || t.slack.callsTo('views.open').length > opened,
    PATIENCE_MS,
  );
  const posts = t.slack.responses.filter((r) => r.id === res.responseUrlId).map((r) => r.body);
  const forms = t.slack.callsTo('views.open').slice(opened).map((c) => c.args);
  return JSON.stringify([...posts, ...forms]);
}

describe.each([
  ['help', helpExamples],
  ['README', readmeExamples],
])('every %s example answers in local mode', (_source, examples) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.stop();
  });

  it('has examples to try', () => {
    expect(examples().length).toBeGreaterThan(8);
  });

  it('answers each one, in the order shown', async () => {
    const failed: string[] = [];
    for (const command of examples()) {
      const answer = await answerTo(t, command);
      if (REFUSED.test(answer) || answer.length < 40) failed.push(`${command} → ${answer.slice(0, 300)}`);
    }
    expect(failed).toEqual([]);
  });
});
