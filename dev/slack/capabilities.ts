import { fail } from './errors';
import type { IdMinter } from './ids';
import type { ResponseUrlContext } from './types';

export const TRIGGER_TTL_MS = 3000;
export const RESPONSE_URL_TTL_MS = 30 * 60 * 1000;
export const RESPONSE_URL_MAX_USES = 5;

interface Trigger {
  readonly user: string;
  readonly createdAt: number;
  used: boolean;
}

/** Short-lived capabilities Slack hands to apps: trigger_ids, response_urls and socket tickets. */
export class Capabilities {
  private readonly triggers = new Map<string, Trigger>();
  private readonly responseUrls = new Map<string, ResponseUrlContext>();
  private readonly tickets = new Set<string>();

  constructor(
    private readonly ids: IdMinter,
    private readonly now: () => number,
  ) {}

  mintTrigger(user: string): string {
    const id = this.ids.triggerId();
    this.triggers.set(id, { user, createdAt: this.now(), used: false });
    return id;
  }

  /** Spends a trigger_id as views.open / views.push do: once, within 3 s. Returns its user. */
  spendTrigger(id: string | undefined): string {
    if (id === undefined) fail('invalid_arguments', { response_metadata: { messages: ['[ERROR] missing required field: trigger_id'] } });
    const t = this.triggers.get(id);
    if (!t) fail('invalid_trigger_id');
    if (t.used) fail('exchanged_trigger_id');
    if (this.now() - t.createdAt > TRIGGER_TTL_MS) fail('expired_trigger_id');
    t.used = true;
    return t.user;
  }

  mintResponseUrl(baseUrl: string, ctx: Omit<ResponseUrlContext, 'id' | 'url' | 'createdAt' | 'uses'>): ResponseUrlContext {
    const id = this.ids.secret();
    const rec: ResponseUrlContext = { ...ctx, id, url: `${baseUrl}/response/${id}`, createdAt: this.now(), uses: 0 };
    this.responseUrls.set(id, rec);
    return rec;
  }

  responseUrl(id: string): ResponseUrlContext | undefined {
    return this.responseUrls.get(id);
  }

  /** Why a response_url may not be used now, or undefined when it may (and then counts the use). */
  useResponseUrl(rec: ResponseUrlContext): 'expired_url' | 'used_url' | undefined {
    if (this.now() - rec.createdAt > RESPONSE_URL_TTL_MS) return 'expired_url';
    if (rec.uses >= RESPONSE_URL_MAX_USES) return 'used_url';
    rec.uses += 1;
    return undefined;
  }

  mintTicket(): string {
    const t = this.ids.secret();
    this.tickets.add(t);
    return t;
  }

  /** A socket URL's ticket works once, like Slack's. */
  spendTicket(t: string): boolean {
    return this.tickets.delete(t);
  }

  reset(): void {
    this.triggers.clear();
    this.responseUrls.clear();
    this.tickets.clear();
  }
}
