/** Conversational workflows (the bot's wizards), persisted so they survive restarts. */
import { newId } from '../../../core/ids.ts';
import type { WorkflowRow } from '../tables.ts';
import { type Clock, type Db, iso, parseJson } from './shared.ts';

export interface WorkflowStep {
  readonly state: string;
  readonly at: string;
}

export interface SaveWorkflowInput {
  readonly userId: string;
  readonly kind: string;
  readonly conversationKey: string;
  readonly state: string;
  readonly data: unknown;
  readonly ttlMs: number;
}

export class WorkflowsRepository {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  /** Creates or moves a conversation's workflow to `state`, appending to its history and extending its expiry. */
  async save(input: SaveWorkflowInput): Promise<WorkflowRow> {
    const now = iso(this.clock);
    const expires = new Date(this.clock().getTime() + input.ttlMs).toISOString();
    const existing = await this.get(input.conversationKey, { includeExpired: true });
    if (existing && existing.kind === input.kind && existing.expires_at > now) {
      const history = parseJson<WorkflowStep[]>(existing.history_json, []);
      history.push({ state: input.state, at: now });
      const updated: WorkflowRow = {
        ...existing,
        state: input.state,
        state_data: JSON.stringify(input.data),
        history_json: JSON.stringify(history),
        expires_at: expires,
        updated_at: now,
      };
      await this.db.updateTable('workflow_states').set(updated).where('id', '=', existing.id).execute();
      return updated;
    }
    if (existing) await this.db.deleteFrom('workflow_states').where('id', '=', existing.id).execute();
    const row: WorkflowRow = {
      id: newId('wf'),
      user_id: input.userId,
      kind: input.kind,
      conversation_key: input.conversationKey,
      state: input.state,
      state_data: JSON.stringify(input.data),
      history_json: JSON.stringify([{ state: input.state, at: now }]),
      expires_at: expires,
      created_at: now,
      updated_at: now,
    };
    await this.db.insertInto('workflow_states').values(row).execute();
    return row;
  }

  /** The live workflow of a conversation; expired ones are invisible unless asked for. */
  get(conversationKey: string, options: { includeExpired?: boolean } = {}): Promise<WorkflowRow | undefined> {
    let query = this.db.selectFrom('workflow_states').selectAll().where('conversation_key', '=', conversationKey);
    if (!options.includeExpired) query = query.where('expires_at', '>', iso(this.clock));
    return query.executeTakeFirst();
  }

  listActive(): Promise<WorkflowRow[]> {
    return this.db.selectFrom('workflow_states').selectAll().where('expires_at', '>', iso(this.clock)).orderBy('updated_at').execute();
  }

  async delete(conversationKey: string): Promise<void> {
    await this.db.deleteFrom('workflow_states').where('conversation_key', '=', conversationKey).execute();
  }

  async purgeExpired(): Promise<number> {
    const result = await this.db.deleteFrom('workflow_states').where('expires_at', '<=', iso(this.clock)).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
