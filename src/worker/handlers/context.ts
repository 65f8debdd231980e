import type { StoragePort } from '../../ports/storage/index.ts';
import type { EventWriter } from '../events.ts';

/** What a job handler gets: storage, its event stream, and a signal that asks it to stop. */
export interface HandlerContext {
  readonly storage: StoragePort;
  readonly events: EventWriter;
  readonly signal: AbortSignal;
}
