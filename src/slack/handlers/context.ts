import type { Logger } from '../../logging/logger';
import type { ReportService } from '../../services/report';
import type { InFlight } from '../inflight';
import type { SlackMessage } from '../blocks/kit';

/** Who asked, and where: the facts every handler needs from a Slack request. */
export interface Requester {
  readonly teamId: string;
  readonly userId: string;
  readonly channelId: string;
  readonly triggerId?: string;
}

/** Posts through a response_url: ephemeral by default, or replacing the message it came from. */
export type Responder = (msg: SlackMessage & {
  response_type?: 'ephemeral' | 'in_channel';
  replace_original?: boolean;
  delete_original?: boolean;
}) => Promise<unknown>;

/**
 * What listeners are given. Optional services join as their features land; listeners for a
 * missing service are simply not registered.
 */
export interface SlackDeps {
  readonly logger: Logger;
  readonly inflight: InFlight;
  readonly reports: ReportService;
  readonly now: () => number;
  readonly adminUserIds: readonly string[];
  readonly subscriptionsEnabled: boolean;
}
