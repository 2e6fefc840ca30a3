/**
 * A workspace with something in it for interactions to point at: a digest and an alert rule
 * (ids 1), an answer with buttons, every user's App Home, and both forms open.
 */
import { CALLBACK_IDS } from '../../../src/slack/blocks/ids';
import type { StoredView } from '../../../dev/slack';
import type { PropertyBot } from './bot';
import type { Fixtures } from './payloads';

const ADMIN = 'U0LOCALADM';
const GRACE = 'U0LOCAL001';

export async function seedWorkspace(bot: PropertyBot): Promise<Fixtures & { readonly forms: ReadonlyMap<string, StoredView> }> {
  const { driver, slack } = bot;
  for (const text of ['digest add building 71 at 08:00 weekdays #facilities', 'subscribe building 71 above 120 for 2h']) {
    const res = await driver.command(ADMIN, 'C0FACILITY', '/occupancy', text);
    await slack.waitForResponse(res.responseUrlId);
  }
  const answer = await driver.command(GRACE, 'C0GENERAL', '/occupancy', 'building 71');
  await slack.waitForResponse(answer.responseUrlId);
  const message = slack.state.messagesFor('C0GENERAL', GRACE).find((m) => JSON.stringify(m.blocks ?? []).includes('occupancy_share'));
  if (!message) throw new Error('the answer to building 71 has no buttons to press');

  for (const u of slack.state.listUsers()) {
    if (u.id === slack.bot.userId) continue;
    const before = slack.callsTo('views.publish').length;
    await driver.appHomeOpened(u.id);
    await slack.waitFor(() => slack.callsTo('views.publish').length > before && slack.state.views.home(u.id));
  }

  const forms = new Map<string, StoredView>();
  for (const [user, text, callbackId] of [[ADMIN, 'digest', CALLBACK_IDS.digestModal], [GRACE, 'subscribe', CALLBACK_IDS.subscribeModal]] as const) {
    await driver.command(user, user === ADMIN ? 'C0FACILITY' : 'C0GENERAL', '/occupancy', text);
    // Open at once as a frame, then filled in: wait for its inputs.
    const view = await slack.waitFor(() => {
      const top = slack.state.views.stack(user).at(-1);
      return top && top.definition.callback_id === callbackId && JSON.stringify(top.definition.blocks).includes('"input"') ? top : undefined;
    });
    forms.set(callbackId, view);
  }

  return {
    forms,
    message: { channel: 'C0GENERAL', ts: message.ts, user: GRACE },
    homeView: (user) => {
      const v = slack.state.views.home(user);
      return v ? slack.state.views.toWire(v) : null;
    },
    modal: (callbackId) => {
      const v = forms.get(callbackId);
      return v ? slack.state.views.toWire(v) : null;
    },
  };
}

/** block_ids of a view's input blocks: the only ones `response_action: errors` may name. */
export function inputBlockIds(view: Record<string, unknown> | null | undefined): Set<string> {
  const blocks = Array.isArray(view?.blocks) ? (view.blocks as Record<string, unknown>[]) : [];
  return new Set(blocks.filter((b) => b.type === 'input' && typeof b.block_id === 'string').map((b) => b.block_id as string));
}
