/**
 * The command line acts as the machine's own user, "local" (an admin), created on first use.
 * Everything it creates is owned by that user like any other, so the API and bot rules apply.
 */
import type { Store, User } from '../../ports/store/index.ts';

export const LOCAL_USER_NAME = 'local';

export async function ensureLocalUser(store: Store): Promise<User> {
  const existing = await store.users.getByName(LOCAL_USER_NAME);
  if (existing) return existing;
  try {
    return await store.users.create({ name: LOCAL_USER_NAME, role: 'admin' });
  } catch (error) {
    // Another process created it at the same moment.
    const again = await store.users.getByName(LOCAL_USER_NAME);
    if (again) return again;
    throw error;
  }
}
