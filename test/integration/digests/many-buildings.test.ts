/**
 * A workspace with more buildings than a select holds (Slack: 100 options), and names longer
 * than an option's text (75): the digest form still opens in the embedded Slack, which refuses
 * what Slack refuses, and a building past the first 100 can be picked by typing its id.
 */
import { silentLogger } from '../../support/logger';
import { WebClient } from '@slack/web-api';
import type { ChatGateway } from '../../../src/ports/chat';
import { modalView } from '../../../src/services/digests/views';
import { DIGEST_FIELDS as F } from '../../../src/slack/blocks/ids';
import { webClientGateway } from '../../../src/slack/chat';
import { openDigestForm, validateDigestSubmission } from '../../../src/slack/listeners/digests/form';
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

  it('opens with the first 100 listed and a field for the others; a typed id past 100 is taken', async () => {
    const t = listenerDeps(
      { digests: { form: async (_who, origin, _id, meta) => modalView({ origin, buildings: BUILDINGS, digest: null, privateMetadata: meta }) } },
      chat,
    );
    await openDigestForm(t.deps, { teamId: 'T0LOCAL', userId: USER }, ws.mintTriggerId(USER), 'C0FACILITY', null);
    const updates = ws.callsTo('views.update');
    expect(updates.map((c) => c.response?.ok)).toEqual([true]);
    const [view] = ws.state.views.stack(USER);
    const blocks = view!.definition.blocks as { block_id: string; element: { options?: { text: { text: string } }[] } }[];
    const list = blocks.find((b) => b.block_id === F.buildings.blockId)!;
    expect(list.element.options).toHaveLength(100);
    expect(list.element.options![0]!.text.text.length).toBeLessThanOrEqual(75);
    expect(blocks.map((b) => b.block_id)).toContain(F.moreBuildings.blockId);

    // The user picks two listed buildings and types one past the list.
    const picked = validateDigestSubmission({
      [F.channel.blockId]: { [F.channel.actionId]: { type: 'conversations_select', selected_conversation: 'C0FACILITY' } },
      [F.buildings.blockId]: { [F.buildings.actionId]: { type: 'multi_static_select', selected_options: [{ text: { type: 'plain_text', text: 'B2' }, value: '2' }] } },
      [F.moreBuildings.blockId]: { [F.moreBuildings.actionId]: { type: 'plain_text_input', value: '150' } },
      [F.time.blockId]: { [F.time.actionId]: { type: 'timepicker', selected_time: '08:00' } },
      [F.days.blockId]: { [F.days.actionId]: { type: 'checkboxes', selected_options: [{ text: { type: 'plain_text', text: 'Mon' }, value: '1' }] } },
    });
    expect(picked).toMatchObject({ ok: true, draft: { buildingIds: [2, 150] } });
  });
});
