/** Where each alert rule stands. */
import type { AlertState, AlertStateInput } from '../../domain/alert-state';

export interface AlertStateRepository {
  get(subscriptionId: number): Promise<AlertState | null>;
  /** Only the ids that have a state appear in the map. */
  getMany(subscriptionIds: readonly number[]): Promise<Map<number, AlertState>>;
  /** Insert or replace. NOT_FOUND when the subscription does not exist in that team. */
  put(state: AlertStateInput): Promise<AlertState>;
}
