import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ACTION_IDS, CALLBACK_IDS, NAME_MENU_ACTION_IDS, SUBSCRIBE_DISPATCH_ACTION_IDS } from '../../../src/slack/blocks/ids';
import { LISTENERS } from '../../../src/slack/listeners';

interface Manifest {
  features: {
    slash_commands?: { command: string; url?: string; should_escape?: boolean }[];
    app_home?: { home_tab_enabled?: boolean };
    shortcuts?: { callback_id: string }[];
  };
  oauth_config: { scopes: { bot: string[] } };
  settings: {
    event_subscriptions?: { request_url?: string; bot_events?: string[] };
    interactivity?: { is_enabled: boolean; request_url?: string; message_menu_options_url?: string };
    socket_mode_enabled: boolean;
  };
}

const manifest = parse(readFileSync(join(__dirname, '../../../manifest.yml'), 'utf8')) as Manifest;
const sorted = (xs: readonly string[]) => [...new Set(xs)].sort();

// LISTENERS is the table registerListeners registers from (test/unit/slack/listeners/index.test.ts
// checks that), so what it lists is what the app listens to.
const listeners = LISTENERS;

describe('manifest.yml matches the code, both ways', () => {
  it('listens to each id once', () => {
    for (const ids of [listeners.commands, listeners.actions, listeners.views, listeners.options, listeners.events]) expect(sorted(ids)).toHaveLength(ids.length);
  });

  it('declares exactly the slash commands the app listens to', () => {
    expect(sorted((manifest.features.slash_commands ?? []).map((c) => c.command))).toEqual(sorted(listeners.commands));
  });

  it('subscribes to exactly the events the app listens to', () => {
    expect(sorted(manifest.settings.event_subscriptions?.bot_events ?? [])).toEqual(sorted(listeners.events));
  });

  it('has a listener for every action id the messages use, and no listener for an unknown one', () => {
    const known = sorted([...Object.values(ACTION_IDS), ...SUBSCRIBE_DISPATCH_ACTION_IDS]);
    const registered = sorted(listeners.actions);
    for (const id of registered) expect(known).toContain(id);
    for (const id of Object.values(ACTION_IDS)) expect(registered).toContain(id);
  });

  it('has a view listener for every modal callback id, and no other', () => {
    expect(sorted(listeners.views)).toEqual(sorted(Object.values(CALLBACK_IDS)));
  });

  it('answers the options of exactly the menus the forms draw, at the URL the manifest gives Slack for them', () => {
    expect(sorted(listeners.options)).toEqual(sorted(Object.keys(NAME_MENU_ACTION_IDS)));
    const { interactivity } = manifest.settings;
    if (listeners.options.length === 0) expect(interactivity?.message_menu_options_url).toBeUndefined();
    // Bolt takes every kind of request at one path, so the menus' URL is the interactivity one.
    else expect(interactivity?.message_menu_options_url).toBe(interactivity?.request_url);
  });

  it('declares no shortcut the app does not handle', () => {
    for (const s of manifest.features.shortcuts ?? []) expect(listeners.actions.concat(listeners.views)).toContain(s.callback_id);
  });

  it('turns on interactivity and the home tab the listeners need', () => {
    expect(manifest.settings.interactivity?.is_enabled).toBe(listeners.actions.length + listeners.views.length > 0);
    expect(manifest.features.app_home?.home_tab_enabled === true).toBe(listeners.events.includes('app_home_opened'));
  });

  it('asks for the scopes the Web API calls need, and no unused ones', () => {
    // Each scope and the calls in src/slack/chat.ts that need it (the embedded Slack enforces them).
    const needs: Record<string, string[]> = {
      commands: [],
      'chat:write': ['chat.postMessage', 'chat.update', 'chat.postEphemeral'],
      'chat:write.public': ['chat.postMessage'],
      'channels:join': ['conversations.join'],
      'channels:read': ['conversations.info', 'users.conversations'],
      'groups:read': ['conversations.info', 'users.conversations'],
      'im:read': ['conversations.info', 'users.conversations'],
      'mpim:read': ['conversations.info', 'users.conversations'],
      'im:write': ['conversations.open'],
      // Only CHART_DELIVERY=upload uploads; the README says it may be left out otherwise.
      'files:write': ['files.completeUploadExternal'],
      // Whether the creator of a digest has left the workspace (an admin may take it over).
      'users:read': ['users.info'],
    };
    const gateway = readFileSync(join(__dirname, '../../../src/slack/chat.ts'), 'utf8');
    for (const calls of Object.values(needs)) for (const call of calls) expect(gateway).toContain(`'${call}'`);
    expect(sorted(manifest.oauth_config.scopes.bot)).toEqual(sorted(Object.keys(needs)));
  });

  it('points every request URL at the events endpoint, for HTTP mode', () => {
    const urls = [
      ...(manifest.features.slash_commands ?? []).map((c) => c.url),
      manifest.settings.interactivity?.request_url,
      manifest.settings.event_subscriptions?.request_url,
    ];
    for (const u of urls) expect(u).toMatch(/^https:\/\/[^/]+\/slack\/events$/);
    expect(manifest.settings.socket_mode_enabled).toBe(false);
  });
});
