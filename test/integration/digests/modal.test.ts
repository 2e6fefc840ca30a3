import type { RunningApp } from '../../../src/app';
import type { MenuOption, SlackDriver, ViewValues } from '../../../dev/slack';
import { DIGEST_FIELDS } from '../../../src/slack/blocks/ids';
import { SIM_DATASET } from '../../../dev/simulator';
import { createDigestWorld, USERS, type DigestWorld } from './app-harness';
import { PATIENCE_MS } from '../../support/patience';

const TEAM = 'T0LOCAL';
const F = DIGEST_FIELDS;

/** The form's values as a user leaves them. */
function values(o: { channel?: string; buildings?: (string | MenuOption)[]; time?: string; days?: number[]; zone?: string; content?: string[]; skip?: boolean; cadence?: 'daily' | 'weekly'; group?: string }): ViewValues {
  const opt = (v: string) => ({ value: v, text: { type: 'plain_text', text: v } });
  return {
    [F.channel.blockId]: { [F.channel.actionId]: o.channel === undefined ? {} : { selected_conversation: o.channel } },
    [F.buildings.blockId]: { [F.buildings.actionId]: { selected_options: (o.buildings ?? []).map((b) => (typeof b === 'string' ? opt(b) : b)) } },
    [F.cadence.blockId]: { [F.cadence.actionId]: { selected_option: opt(o.cadence ?? 'daily') } },
    [F.time.blockId]: { [F.time.actionId]: o.time === undefined ? {} : { selected_time: o.time } },
    [F.days.blockId]: { [F.days.actionId]: { selected_options: (o.days ?? []).map((d) => opt(String(d))) } },
    [F.timeZone.blockId]: { [F.timeZone.actionId]: { value: o.zone ?? '' } },
    [F.content.blockId]: { [F.content.actionId]: { selected_options: (o.content ?? []).map(opt) } },
    [F.options.blockId]: { [F.options.actionId]: { selected_options: o.skip ? [opt('skipWhenNoData')] : [] } },
    ...(o.group !== undefined ? { [F.group.blockId]: { [F.group.actionId]: { selected_option: opt(o.group) } } } : {}),
  };
}

describe('the digest form', () => {
  let world: DigestWorld;
  let app: RunningApp;
  let driver: SlackDriver;

  beforeAll(async () => {
    world = await createDigestWorld();
    ({ app, driver } = await world.start());
  });
  afterAll(async () => {
    await world.close();
  });

  /** Waits until the form that opened as a loading frame is filled in (it has a submit button then). */
  async function filled(viewId: string): Promise<string> {
    await world.slack.waitFor(() => world.slack.state.views.get(viewId)?.definition.submit !== undefined, PATIENCE_MS);
    return viewId;
  }

  /** Opens the form with `/occupancy digest` in a channel; returns the open view's id once filled in. */
  async function openForm(user: string, channel: string): Promise<string> {
    const before = world.slack.callsTo('views.open').length;
    const res = await driver.command(user, channel, '/occupancy', 'digest');
    expect(res.status).toBe(200);
    const call = await world.slack.waitFor(() => world.slack.callsTo('views.open')[before]?.response && world.slack.callsTo('views.open')[before], PATIENCE_MS);
    expect(call.response?.ok).toBe(true);
    return filled((call.response as { view: { id: string } }).view.id);
  }
  const stored = () => app.store.digests.listByTeam(TEAM);

  it('opens with the current channel, weekdays at 08:00 and a building menu that lists buildings as it opens and narrows as one types', async () => {
    const viewId = await openForm(USERS.grace, 'C0FACILITY');
    const def = world.slack.state.views.get(viewId)!.definition as { callback_id: string; blocks: unknown[] };
    expect(def.callback_id).toBe('occupancy_digest_modal');
    const json = JSON.stringify(def.blocks);
    expect(json).toContain('"initial_conversation":"C0FACILITY"');
    expect(json).toContain('"initial_time":"08:00"');
    expect(json).toContain('"type":"multi_external_select"');

    const opened = await driver.blockSuggestion(USERS.grace, viewId, F.buildings.actionId, '');
    expect(opened).toMatchObject({ asked: true, status: 200, problems: [] });
    expect(opened.shown.map((o) => o.text.text)).toEqual(expect.arrayContaining(['DEMO (71)', 'Southwark Works (104)']));
    // A prefix, whatever its case and accents; an id.
    const typed = await driver.blockSuggestion(USERS.grace, viewId, F.buildings.actionId, 'SÓUTH');
    expect(typed.shown).toEqual([{ text: { type: 'plain_text', text: 'Southwark Works (104)', emoji: true }, value: '104' }]);
    expect((await driver.blockSuggestion(USERS.grace, viewId, F.buildings.actionId, '71')).shown.map((o) => o.value)).toEqual(['71']);
    expect((await driver.blockSuggestion(USERS.grace, viewId, F.buildings.actionId, 'no such place')).shown).toEqual([]);
  });

  it('saves the buildings picked from the menu as their ids, and an edit opens with them preselected by name', async () => {
    const viewId = await openForm(USERS.grace, 'C0FACILITY');
    const south = (await driver.blockSuggestion(USERS.grace, viewId, F.buildings.actionId, 'southwark')).pick('Southwark Works (104)');
    const demo = (await driver.blockSuggestion(USERS.grace, viewId, F.buildings.actionId, 'demo')).pick('DEMO (71)');
    const res = await driver.viewSubmission(USERS.grace, viewId, values({ channel: 'C0FACILITY', buildings: [south, demo], time: '07:45', days: [2] }));
    expect(res.body).toBeUndefined();
    const d = (await stored()).at(-1)!;
    expect(d).toMatchObject({ buildingIds: [104, 71], timeOfDay: '07:45' });

    const opens = world.slack.callsTo('views.open').length;
    const list = await driver.command(USERS.grace, 'C0FACILITY', '/occupancy', 'digest list');
    await world.slack.waitForResponse(list.responseUrlId, undefined, PATIENCE_MS);
    const gracesList = world.slack.state.messagesFor('C0FACILITY', USERS.grace).filter((m) => JSON.stringify(m.blocks).includes('digest_edit')).at(-1)!;
    await driver.blockAction(USERS.grace, 'C0FACILITY', { messageTs: gracesList.ts }, { action_id: 'digest_edit', value: JSON.stringify({ id: d.id }) });
    const opened = await world.slack.waitFor(() => world.slack.callsTo('views.open').slice(opens).find((c) => c.response?.ok === true), PATIENCE_MS);
    const editView = await filled((opened.response as { view: { id: string } }).view.id);
    const blocks = world.slack.state.views.get(editView)!.definition.blocks as { block_id: string; element: { initial_options?: unknown } }[];
    expect(blocks.find((b) => b.block_id === F.buildings.blockId)!.element.initial_options).toEqual([
      { text: { type: 'plain_text', text: 'Southwark Works (104)' }, value: '104' },
      { text: { type: 'plain_text', text: 'DEMO (71)' }, value: '71' },
    ]);
  });

  it('offers the groups, everyone preselected; saves the group picked, and an edit opens with it', async () => {
    const sales = SIM_DATASET.groups.find((g) => g.name === 'Sales')!;
    const viewId = await openForm(USERS.grace, 'C0FACILITY');
    type Block = { block_id: string; element: { type: string; options?: { value: string; text: { text: string } }[]; initial_option?: { value: string } } };
    const groupBlock = (id: string) => (world.slack.state.views.get(id)!.definition.blocks as Block[]).find((b) => b.block_id === F.group.blockId)!;
    const menu = groupBlock(viewId).element;
    expect(menu.type).toBe('static_select');
    expect(menu.options!.map((o) => o.text.text)).toEqual(['Everyone', 'Customer Success', 'Engineering', 'Opérations', 'Sales']);
    expect(menu.initial_option?.value).toBe(SIM_DATASET.groups[0]!.id);

    const res = await driver.viewSubmission(USERS.grace, viewId, values({ channel: 'C0FACILITY', buildings: ['71'], time: '08:00', days: [1], group: sales.id }));
    expect(res.body).toBeUndefined();
    const d = (await stored()).at(-1)!;
    expect(d.groupId).toBe(sales.id);

    const opens = world.slack.callsTo('views.open').length;
    const list = await driver.command(USERS.grace, 'C0FACILITY', '/occupancy', 'digest list');
    await world.slack.waitForResponse(list.responseUrlId, undefined, PATIENCE_MS);
    const gracesList = world.slack.state.messagesFor('C0FACILITY', USERS.grace).filter((m) => JSON.stringify(m.blocks).includes('digest_edit')).at(-1)!;
    await driver.blockAction(USERS.grace, 'C0FACILITY', { messageTs: gracesList.ts }, { action_id: 'digest_edit', value: JSON.stringify({ id: d.id }) });
    const opened = await world.slack.waitFor(() => world.slack.callsTo('views.open').slice(opens).find((c) => c.response?.ok === true), PATIENCE_MS);
    const editView = await filled((opened.response as { view: { id: string } }).view.id);
    expect(groupBlock(editView).element.initial_option?.value).toBe(sales.id);
    // Everyone picked again: back to the default group.
    const everyone = await driver.viewSubmission(USERS.grace, editView, values({ channel: 'C0FACILITY', buildings: ['71'], time: '08:00', days: [1], group: SIM_DATASET.groups[0]!.id }));
    expect(everyone.body).toBeUndefined();
    expect((await app.store.digests.get(TEAM, d.id))?.groupId).toBeNull();
  });

  it('sends input errors back inline and stores nothing', async () => {
    const viewId = await openForm(USERS.grace, 'C0FACILITY');
    const before = (await stored()).length;
    const res = await driver.viewSubmission(USERS.grace, viewId, values({ channel: 'C0FACILITY', buildings: [], time: '08:00', days: [], zone: 'Mars/Olympus' }));
    expect(res.status).toBe(200);
    const body = res.body as { response_action: string; errors: Record<string, string> };
    expect(body.response_action).toBe('errors');
    expect(Object.keys(body.errors).sort()).toEqual([F.buildings.blockId, F.days.blockId, F.timeZone.blockId].sort());
    expect(body.errors[F.timeZone.blockId]).toContain("isn't a time zone I know");
    // The form stays open with the errors under its fields.
    expect(world.slack.state.views.get(viewId)?.errors).toEqual(body.errors);
    expect(await stored()).toHaveLength(before);
  });

  it('refuses a channel the user may not manage, and an unknown building, under the right field', async () => {
    const viewId = await openForm(USERS.linus, 'C0GENERAL');
    const before = (await stored()).length;
    const forbidden = await driver.viewSubmission(USERS.linus, viewId, values({ channel: 'C0OPS', buildings: ['71'], time: '08:00', days: [1] }));
    expect(forbidden.body).toEqual({
      response_action: 'errors',
      errors: { [F.channel.blockId]: 'Only members of that channel, or an admin, can set up its digests.' },
    });
    const unknown = await driver.viewSubmission(USERS.linus, viewId, values({ channel: 'C0GENERAL', buildings: ['7100'], time: '08:00', days: [1] }));
    expect((unknown.body as { errors: Record<string, string> }).errors[F.buildings.blockId]).toContain("I couldn't find building 7100");
    const cannotPost = await driver.viewSubmission(USERS.linus, viewId, values({ channel: 'C0EXEC', buildings: ['71'], time: '08:00', days: [1] }));
    expect((cannotPost.body as { errors: Record<string, string> }).errors[F.channel.blockId]).toContain('/invite @occupancy');
    expect(await stored()).toHaveLength(before);
  });

  it('refuses a form whose private metadata was tampered with', async () => {
    const viewId = await openForm(USERS.grace, 'C0FACILITY');
    world.slack.state.views.get(viewId)!.definition.private_metadata = '{"v":1,"origin":"C0FACILITY","digestId":"1 OR 1=1"}';
    const before = (await stored()).length;
    const res = await driver.viewSubmission(USERS.grace, viewId, values({ channel: 'C0FACILITY', buildings: ['71'], time: '08:00', days: [1] }));
    expect(res.body).toEqual({ response_action: 'errors', errors: { [F.channel.blockId]: expect.stringContaining('out of date') } });
    expect(await stored()).toHaveLength(before);
  });

  it('saves a valid form, closes it and confirms privately in the channel', async () => {
    const viewId = await openForm(USERS.grace, 'C0FACILITY');
    const before = (await stored()).length;
    const res = await driver.viewSubmission(
      USERS.grace,
      viewId,
      values({ channel: 'C0FACILITY', buildings: ['104', '71'], time: '07:30', days: [1, 3, 5], content: ['chart', 'perFloor'], skip: true }),
    );
    expect(res.status).toBe(200);
    expect(res.body).toBeUndefined();
    expect(world.slack.state.views.get(viewId) && world.slack.state.views.stack(USERS.grace)).toEqual([]);
    const all = await stored();
    expect(all).toHaveLength(before + 1);
    const d = all.at(-1)!;
    expect(d).toMatchObject({
      teamId: TEAM,
      channelId: 'C0FACILITY',
      createdBy: USERS.grace,
      buildingIds: [104, 71],
      timeOfDay: '07:30',
      days: [1, 3, 5],
      // The first building's zone.
      timeZone: 'Europe/London',
      options: { chart: true, topZones: false, perFloor: true, weekOverWeek: false, skipWhenNoData: true },
    });
    const confirm = await world.slack.waitForCall('chat.postEphemeral', (c) => String(c.args.text).includes(`Digest #${d.id} is set up`), PATIENCE_MS);
    expect(confirm.args).toMatchObject({ channel: 'C0FACILITY', user: USERS.grace });
  });

  it('makes a weekly digest on one day, refuses one on two days inline, and an edit opens with Weekly chosen', async () => {
    const viewId = await openForm(USERS.grace, 'C0FACILITY');
    const before = (await stored()).length;
    const two = await driver.viewSubmission(USERS.grace, viewId, values({ channel: 'C0FACILITY', buildings: ['71'], time: '09:00', days: [1, 2], cadence: 'weekly', content: ['chart'] }));
    expect(two.body).toEqual({ response_action: 'errors', errors: { [F.days.blockId]: 'A weekly digest goes out on one day of the week: tick just one.' } });
    expect(await stored()).toHaveLength(before);
    const ok = await driver.viewSubmission(USERS.grace, viewId, values({ channel: 'C0FACILITY', buildings: ['71'], time: '09:00', days: [1], cadence: 'weekly', content: ['chart'] }));
    expect(ok.body).toBeUndefined();
    const d = (await stored()).at(-1)!;
    expect(d).toMatchObject({ cadence: 'weekly', days: [1], timeOfDay: '09:00', buildingIds: [71] });
    const confirm = await world.slack.waitForCall('chat.postEphemeral', (c) => String(c.args.text).includes(`Digest #${d.id} is set up`), PATIENCE_MS);
    expect(String(confirm.args.text)).toContain('weekly on Mon 09:00, last week’s summary');

    const opens = world.slack.callsTo('views.open').length;
    const list = await driver.command(USERS.grace, 'C0FACILITY', '/occupancy', 'digest list');
    await world.slack.waitForResponse(list.responseUrlId, undefined, PATIENCE_MS);
    const gracesList = world.slack.state.messagesFor('C0FACILITY', USERS.grace).filter((m) => JSON.stringify(m.blocks).includes('digest_edit')).at(-1)!;
    await driver.blockAction(USERS.grace, 'C0FACILITY', { messageTs: gracesList.ts }, { action_id: 'digest_edit', value: JSON.stringify({ id: d.id }) });
    const opened = await world.slack.waitFor(() => world.slack.callsTo('views.open').slice(opens).find((c) => c.response?.ok === true), PATIENCE_MS);
    const editView = await filled((opened.response as { view: { id: string } }).view.id);
    const blocks = world.slack.state.views.get(editView)!.definition.blocks as { block_id?: string; element?: { initial_option?: { value: string }; initial_options?: { value: string }[] } }[];
    expect(blocks.find((b) => b.block_id === F.cadence.blockId)?.element?.initial_option?.value).toBe('weekly');
    expect(blocks.find((b) => b.block_id === F.days.blockId)?.element?.initial_options?.map((o) => o.value)).toEqual(['1']);
  });

  it('edits from the list: only the creator or an admin may save changes', async () => {
    const viewId = await openForm(USERS.grace, 'C0FACILITY');
    await driver.viewSubmission(USERS.grace, viewId, values({ channel: 'C0FACILITY', buildings: ['71'], time: '08:00', days: [1, 2] }));
    const d = (await stored()).at(-1)!;

    // Grace presses Edit on her list: the form opens filled in, in edit mode.
    const opens = world.slack.callsTo('views.open').length;
    const list = await driver.command(USERS.grace, 'C0FACILITY', '/occupancy', 'digest list');
    await world.slack.waitForResponse(list.responseUrlId, undefined, PATIENCE_MS);
    const gracesList = world.slack.state.messagesFor('C0FACILITY', USERS.grace).filter((m) => JSON.stringify(m.blocks).includes('digest_edit')).at(-1)!;
    const edit = await driver.blockAction(USERS.grace, 'C0FACILITY', { messageTs: gracesList.ts }, { action_id: 'digest_edit', value: JSON.stringify({ id: d.id }) });
    expect(edit.status).toBe(200);
    const opened = await world.slack.waitFor(() => world.slack.callsTo('views.open').slice(opens).find((c) => c.response?.ok === true), PATIENCE_MS);
    const editView = await filled((opened.response as { view: { id: string } }).view.id);
    const def = world.slack.state.views.get(editView)!.definition;
    expect(JSON.stringify(def)).toContain('Edit digest');

    const changed = await driver.viewSubmission(USERS.grace, editView, values({ channel: 'C0FACILITY', buildings: ['71'], time: '09:15', days: [1, 2, 3] }));
    expect(changed.body).toBeUndefined();
    expect(await app.store.digests.get(TEAM, d.id)).toMatchObject({ timeOfDay: '09:15', days: [1, 2, 3] });

    // The same form submitted by someone else (a crafted submission) is refused.
    const linusView = await openForm(USERS.linus, 'C0FACILITY');
    world.slack.state.views.get(linusView)!.definition.private_metadata = JSON.stringify({ v: 1, origin: 'C0FACILITY', digestId: d.id });
    const refused = await driver.viewSubmission(USERS.linus, linusView, values({ channel: 'C0FACILITY', buildings: ['71'], time: '06:00', days: [1] }));
    expect(refused.body).toEqual({
      response_action: 'errors',
      errors: { [F.channel.blockId]: 'Only the person who set this digest up, or an admin, can change it.' },
    });
    expect((await app.store.digests.get(TEAM, d.id))?.timeOfDay).toBe('09:15');
  });
});
