import { newId } from '../../../core/ids.ts';
import type { DatasetRow } from '../tables.ts';
import { type Clock, type Db, iso, type Scope } from './shared.ts';

export type NewDataset = Omit<DatasetRow, 'id' | 'created_at'> & { id?: string };

export class DatasetsRepository {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  async create(input: NewDataset): Promise<DatasetRow> {
    const row: DatasetRow = { ...input, id: input.id ?? newId('ds'), created_at: iso(this.clock) };
    await this.db.insertInto('datasets').values(row).execute();
    return row;
  }

  /** undefined when missing or not visible to the scope (callers answer 404 either way). */
  get(id: string, scope: Scope): Promise<DatasetRow | undefined> {
    let query = this.db.selectFrom('datasets').selectAll().where('id', '=', id);
    if (!scope.admin) query = query.where('user_id', '=', scope.userId);
    return query.executeTakeFirst();
  }

  list(scope: Scope, limit = 100): Promise<DatasetRow[]> {
    let query = this.db.selectFrom('datasets').selectAll().orderBy('created_at', 'desc').limit(limit);
    if (!scope.admin) query = query.where('user_id', '=', scope.userId);
    return query.execute();
  }

  async delete(id: string, scope: Scope): Promise<boolean> {
    let query = this.db.deleteFrom('datasets').where('id', '=', id);
    if (!scope.admin) query = query.where('user_id', '=', scope.userId);
    const result = await query.executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }
}
