import { ValidationError } from '../../../core/errors.ts';
import { newId } from '../../../core/ids.ts';
import type { User, UsersTable } from '../tables.ts';
import { type Clock, type Db, iso, isUniqueViolation } from './shared.ts';

export type Role = UsersTable['role'];

export class UsersRepository {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  async create(input: { name: string; role?: Role; telegramId?: string | null }): Promise<User> {
    const row: User = {
      id: newId('usr'),
      name: input.name,
      role: input.role ?? 'user',
      telegram_id: input.telegramId ?? null,
      created_at: iso(this.clock),
      disabled_at: null,
    };
    try {
      await this.db.insertInto('users').values(row).execute();
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new ValidationError('NAME_TAKEN', `A user named "${input.name}" already exists.`, { details: { name: input.name } });
      }
      throw error;
    }
    return row;
  }

  get(id: string): Promise<User | undefined> {
    return this.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  }

  getByName(name: string): Promise<User | undefined> {
    return this.db.selectFrom('users').selectAll().where('name', '=', name).executeTakeFirst();
  }

  getByTelegramId(telegramId: string): Promise<User | undefined> {
    return this.db.selectFrom('users').selectAll().where('telegram_id', '=', telegramId).executeTakeFirst();
  }

  list(): Promise<User[]> {
    return this.db.selectFrom('users').selectAll().orderBy('created_at').execute();
  }

  async setRole(id: string, role: Role): Promise<boolean> {
    const result = await this.db.updateTable('users').set({ role }).where('id', '=', id).executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async disable(id: string): Promise<boolean> {
    const result = await this.db.updateTable('users').set({ disabled_at: iso(this.clock) }).where('id', '=', id).executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }
}
