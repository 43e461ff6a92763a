// The officer account a test's writes are made as: added through the services as `scrutineer user add` adds it, and the actor the workspace would pass for it.
import type { Actor } from '../../src/domain/roles.ts';
import type { Services } from '../../src/services/index.ts';

/** A democratic services officer, for tests that write through the services as the workspace does. */
export async function addOfficer(services: Services): Promise<Actor> {
  const user = await services.auth.addUser('system', {
    email: 'dso@example.org',
    name: 'Dee Ess',
    role: 'democratic_services',
    password: 'officer password 1',
  });
  return { userId: user.id, email: user.email, name: user.name, role: 'democratic_services', personId: null };
}
