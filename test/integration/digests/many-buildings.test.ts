/**
 * A workspace with more buildings than a menu's answer holds (Slack: 100 options), and names
 * longer than an option's text (75): the digest form still opens in the embedded Slack, which
 * refuses what Slack refuses, an edit preselects buildings past the first 100 by name, and the
 * menu's answers stay within Slack's limits while reaching every building.
 */
import { silentLogger } from '../../support/logger';
import { WebClient } from '@slack/web-api';
import type { ChatGateway } from '../../../src/ports/chat';
import { modalView } from '../../../src/services/digests/views';
import { DIGEST_FIELDS as F } from '../../../src/slack/blocks/ids';
import { webClientGateway } from '../../../src/slack/chat';
import { openDigestForm, validateDigestSubmission } from '../../../src/slack/listeners/digests/form';
import { validateOptionsResponse } from '../../../dev/slack';
import { searchEntries } from '../../../src/services/names';
import { buildNameOptions } from '../../../src/slack/blocks/name-options';
import { startFakeSlack, type FakeSlack } from '../../fakes/slack';
import { listenerDeps } from '../../unit/slack/listeners/helpers';

const USER = 'U0LOCAL001';
const silent = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {}, setLevel: () => {}, getLevel: () => 'error' as never, setName: () => {} };
const BUILDINGS = Array.from({ length: 150 }, (_, i) => ({
  id: i + 1,
  name: i === 0 ? `The very long name of a building that goes on ${'and on '.repeat(20)}` : `Building ${i + 1}`,
  timeZone: 'Europe/London',
}));

describe('the digest form in a workspace of 150 buildings', () => {
  let ws: FakeSlack;
  let chat: ChatGateway;
  beforeAll(async () => {
    ws = await startFakeSlack();
    chat = webClientGateway(new WebClient(ws.botToken, { ...ws.clientOptions, logger: silent }), { logger: silentLogger() });
  });
  afterAll(async () => {
    await ws.close();
  });

  it('opens on a digest of buildings past the first 100, named within 75 characters; the menu answers 100 at most and finds any building', async () => {
    const t = listenerDeps(
      { digests: { form: async (_who, origin, _id, meta) => ({ ...modalView({ origin, buildings: BUILDINGS, digest: null, privateMetadata: meta }), mode: 'edit' as const, buildingIds: [1, 2, 150] }) } },
      chat,
    );
    await openDigestForm(t.deps, { teamId: 'T0LOCAL', userId: USER }, ws.mintTriggerId(USER), 'C0FACILITY', 1);
    const updates = ws.callsTo('views.update');
    expect(updates.map((c) => c.response?.ok)).toEqual([true]);
    const [view] = ws.state.views.stack(USER);
    const blocks = view!.definition.blocks as { block_id: string; element: { type: string; initial_options?: { text: { text: string }; value: string }[] } }[];
    const menu = blocks.find((b) => b.block_id === F.buildings.blockId)!;
    expect(menu.element.type).toBe('multi_external_select');
    expect(menu.element.initial_options!.map((o) => o.value)).toEqual(['1', '2', '150']);
    expect(menu.element.initial_options![0]!.text.text.length).toBeLessThanOrEqual(75);
    expect(menu.element.initial_options![0]!.text.text).toMatch(/ \(1\)$/);

    const directory = BUILDINGS.map((b) => ({ kind: 'building' as const, id: b.id, name: b.name }));
    const everything = buildNameOptions(searchEntries(directory, '', 1000));
    expect(everything.options).toHaveLength(100);
    expect(validateOptionsResponse(everything)).toEqual([]);
    expect(buildNameOptions(searchEntries(directory, '150', 100)).options.map((o) => o.value)).toEqual(['150']);
    expect(buildNameOptions(searchEntries(directory, 'building 14', 100)).options.map((o) => o.value)).toEqual(expect.arrayContaining(['14', '140', '149']));

    // The user keeps two and the submission carries their ids.
    const picked = validateDigestSubmission({
      [F.channel.blockId]: { [F.channel.actionId]: { type: 'conversations_select', selected_conversation: 'C0FACILITY' } },
      [F.buildings.blockId]: { [F.buildings.actionId]: { type: 'multi_external_select', selected_options: [menu.element.initial_options![1]!, menu.element.initial_options![2]!] } },
      [F.time.blockId]: { [F.time.actionId]: { type: 'timepicker', selected_time: '08:00' } },
      [F.days.blockId]: { [F.days.actionId]: { type: 'checkboxes', selected_options: [{ text: { type: 'plain_text', text: 'Mon' }, value: '1' }] } },
    } as never);
    expect(picked).toMatchObject({ ok: true, draft: { buildingIds: [2, 150] } });
  });
});
