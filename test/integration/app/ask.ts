/**
 * `/occupancy …` as a user types it, for the app tests: the answer (the ack when it is the
 * whole answer, else the post at the response_url) and how many GraphQL documents it cost.
 */
import { PATIENCE_MS } from '../../support/patience';
import type { TestApp } from './harness';

export interface Asked<Body> {
  readonly body: Body;
  readonly json: string;
  readonly cost: number;
  readonly ack: unknown;
}

export function commandAsker<Body>(app: () => TestApp, user: string, channel: string): (text: string) => Promise<Asked<Body>> {
  return async (text) => {
    const t = app();
    const requests = () => t.app.simulator!.stats.graphqlRequests;
    const before = requests();
    const res = await t.driver.command(user, channel, '/occupancy', text);
    expect(res.status).toBe(200);
    if (res.body !== undefined) return { body: res.body as Body, json: JSON.stringify(res.body), cost: 0, ack: res.body };
    const post = await t.slack.waitForResponse(res.responseUrlId, undefined, PATIENCE_MS);
    expect(post.status).toBe(200);
    return { body: post.body as Body, json: JSON.stringify(post.body), cost: requests() - before, ack: res.body };
  };
}
