// The home page: what is coming up, what was decided lately, and the reviews being followed.
import type { Clock } from '../domain/clock.ts';
import { londonToday } from '../domain/clock.ts';
import type { Repositories } from '../repositories/index.ts';

export function createHomeService(repos: () => Repositories, clock: Clock) {
  return {
    async overview() {
      const r = repos();
      const today = londonToday(clock);
      const [upcoming, recent, reviews, bodies] = await Promise.all([
        r.meetings.list({ from: today, limit: 5, offset: 0, order: 'asc' }),
        r.meetings.list({ to: today, limit: 5, offset: 0, order: 'desc' }),
        r.reviews.list({ limit: 5, offset: 0 }),
        // Named and linked only: counting every body's meetings would read the whole archive's meetings.
        r.organisations.councilBodies(),
      ]);
      return { today, upcoming, recent, reviews, bodies };
    },
  };
}
