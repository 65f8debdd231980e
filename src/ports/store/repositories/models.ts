import { newId } from '../../../core/ids.ts';
import type { ModelRow } from '../tables.ts';
import { type Clock, type Db, iso, isUniqueViolation, type Scope } from './shared.ts';

export type NewModel = Omit<ModelRow, 'version' | 'created_at' | 'id'> & { id?: string };

export class ModelsRepository {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  /**
   * Registers a model; reusing a name (per user) creates the next version. Concurrent
   * registrations of one name race on the unique (user, name, version) key and retry.
   */
  async register(input: NewModel): Promise<ModelRow> {
    for (let attempt = 0; ; attempt++) {
      const latest = await this.db
        .selectFrom('models')
        .select((eb) => eb.fn.max('version').as('v'))
        .where('user_id', '=', input.user_id)
        .where('name', '=', input.name)
        .executeTakeFirst();
      const row: ModelRow = { ...input, id: input.id ?? newId('mdl'), version: Number(latest?.v ?? 0) + 1, created_at: iso(this.clock) };
      try {
        await this.db.insertInto('models').values(row).execute();
        return row;
      } catch (error) {
        if (!isUniqueViolation(error) || attempt >= 5) throw error;
      }
    }
  }

  get(id: string, scope: Scope): Promise<ModelRow | undefined> {
    let query = this.db.selectFrom('models').selectAll().where('id', '=', id);
    if (!scope.admin) query = query.where('user_id', '=', scope.userId);
    return query.executeTakeFirst();
  }

  /** The latest version of a model by name, for the scope's own user. */
  getLatestByName(name: string, scope: Scope): Promise<ModelRow | undefined> {
    return this.db
      .selectFrom('models')
      .selectAll()
      .where('name', '=', name)
      .where('user_id', '=', scope.userId)
      .orderBy('version', 'desc')
      .limit(1)
      .executeTakeFirst();
  }

  list(scope: Scope, limit = 200): Promise<ModelRow[]> {
    let query = this.db.selectFrom('models').selectAll().orderBy('created_at', 'desc').limit(limit);
    if (!scope.admin) query = query.where('user_id', '=', scope.userId);
    return query.execute();
  }

  versions(userId: string, name: string): Promise<ModelRow[]> {
    return this.db.selectFrom('models').selectAll().where('user_id', '=', userId).where('name', '=', name).orderBy('version').execute();
  }

  async rename(id: string, name: string, scope: Scope): Promise<ModelRow | undefined> {
    const model = await this.get(id, scope);
    if (!model) return undefined;
    const latest = await this.db
      .selectFrom('models')
      .select((eb) => eb.fn.max('version').as('v'))
      .where('user_id', '=', model.user_id)
      .where('name', '=', name)
      .executeTakeFirst();
    const version = Number(latest?.v ?? 0) + 1;
    await this.db.updateTable('models').set({ name, version }).where('id', '=', id).execute();
    return { ...model, name, version };
  }

  async delete(id: string, scope: Scope): Promise<boolean> {
    let query = this.db.deleteFrom('models').where('id', '=', id);
    if (!scope.admin) query = query.where('user_id', '=', scope.userId);
    const result = await query.executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }
}
