import { fail } from './errors';
import type { WorkspaceEvents } from './events';
import type { IdMinter } from './ids';
import type { BotIdentity, StoredView, ViewType } from './types';

/** Slack keeps at most three modals on a user's stack. */
export const MAX_MODAL_STACK = 3;

/** Modals (a stack per user) and App Home tabs (one per user). */
export class ViewStore {
  private readonly byId = new Map<string, StoredView>();
  private readonly stacks = new Map<string, string[]>();
  private readonly homes = new Map<string, string>();

  constructor(
    private readonly ids: IdMinter,
    private readonly events: WorkspaceEvents,
    private readonly teamId: string,
    private readonly bot: BotIdentity,
  ) {}

  get(id: string): StoredView | undefined {
    return this.byId.get(id);
  }

  byExternalId(externalId: string): StoredView | undefined {
    return [...this.byId.values()].find((v) => v.externalId === externalId);
  }

  /** The user's open modals, root first. */
  stack(user: string): StoredView[] {
    return (this.stacks.get(user) ?? []).map((id) => this.byId.get(id)).filter((v): v is StoredView => v !== undefined);
  }

  home(user: string): StoredView | undefined {
    const id = this.homes.get(user);
    return id === undefined ? undefined : this.byId.get(id);
  }

  /** A new root modal; whatever the user had open is replaced, as a new trigger does in Slack. */
  open(user: string, definition: Record<string, unknown>): StoredView {
    const view = this.create('modal', user, definition);
    this.stacks.set(user, [view.id]);
    this.events.emit('view', { change: 'opened', user, view });
    return view;
  }

  push(user: string, definition: Record<string, unknown>): StoredView {
    const stack = this.stacks.get(user) ?? [];
    if (stack.length >= MAX_MODAL_STACK) fail('push_limit_reached');
    const root = stack[0];
    const view = this.create('modal', user, definition, root, stack.at(-1));
    this.stacks.set(user, [...stack, view.id]);
    this.events.emit('view', { change: 'pushed', user, view });
    return view;
  }

  update(view: StoredView, definition: Record<string, unknown>, hash?: string): StoredView {
    if (hash !== undefined && hash !== '' && hash !== view.hash) fail('hash_conflict');
    view.definition = definition;
    view.hash = this.hash();
    if (typeof definition.external_id === 'string') view.externalId = definition.external_id;
    delete view.errors;
    if (view.type === 'home') this.events.emit('home', { user: view.user, view });
    else this.events.emit('view', { change: 'updated', user: view.user, view });
    return view;
  }

  publish(user: string, definition: Record<string, unknown>, hash?: string): StoredView {
    const current = this.home(user);
    if (current) return this.update(current, definition, hash);
    const view = this.create('home', user, definition);
    this.homes.set(user, view.id);
    this.events.emit('home', { user, view });
    return view;
  }

  /** Closes the top modal (a submission acked without a response_action). */
  close(user: string): void {
    const stack = this.stacks.get(user) ?? [];
    const top = stack.pop();
    const view = top === undefined ? undefined : this.byId.get(top);
    if (view) this.events.emit('view', { change: 'closed', user, view });
  }

  clear(user: string): void {
    const stack = this.stack(user);
    this.stacks.set(user, []);
    const root = stack[0];
    if (root) this.events.emit('view', { change: 'cleared', user, view: root });
  }

  /** Replaces the top modal in place (`response_action: update`). */
  replaceTop(user: string, definition: Record<string, unknown>): StoredView | undefined {
    const top = this.stack(user).at(-1);
    return top ? this.update(top, definition) : undefined;
  }

  setErrors(view: StoredView, errors: Record<string, string>): void {
    view.errors = errors;
    this.events.emit('view', { change: 'errors', user: view.user, view });
  }

  toWire(view: StoredView): Record<string, unknown> {
    const d = view.definition;
    return {
      id: view.id, team_id: this.teamId, type: view.type,
      ...(d.title !== undefined ? { title: d.title } : {}),
      ...(d.close !== undefined ? { close: d.close } : {}),
      ...(d.submit !== undefined ? { submit: d.submit } : {}),
      blocks: Array.isArray(d.blocks) ? d.blocks : [],
      private_metadata: typeof d.private_metadata === 'string' ? d.private_metadata : '',
      callback_id: typeof d.callback_id === 'string' ? d.callback_id : '',
      state: { values: view.stateValues },
      hash: view.hash,
      clear_on_close: d.clear_on_close === true,
      notify_on_close: d.notify_on_close === true,
      external_id: view.externalId ?? '',
      root_view_id: view.rootViewId,
      previous_view_id: view.previousViewId ?? null,
      app_id: this.bot.appId, app_installed_team_id: this.teamId, bot_id: this.bot.botId,
    };
  }

  private create(type: ViewType, user: string, definition: Record<string, unknown>, rootViewId?: string, previousViewId?: string): StoredView {
    const id = this.ids.id('V');
    const view: StoredView = {
      id, type, user, definition, hash: this.hash(), rootViewId: rootViewId ?? id, stateValues: {},
      ...(previousViewId !== undefined ? { previousViewId } : {}),
      ...(typeof definition.external_id === 'string' ? { externalId: definition.external_id } : {}),
    };
    this.byId.set(id, view);
    return view;
  }

  private hash(): string {
    return this.ids.secret().slice(0, 16);
  }
}
