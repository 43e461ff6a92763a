// The public home page: the way into committees, meetings, reviews and people.
import type { FastifyInstance } from 'fastify';
import { paths } from '../../paths.ts';

export type HomeRouteDeps = {
  /** Not used yet: the home page will list upcoming meetings and open recommendations from these. */
  readonly services: unknown;
};

export async function homeRoutes(app: FastifyInstance, _deps: HomeRouteDeps): Promise<void> {
  app.get(paths.home(), async (_request, reply) => {
    return reply.view('home.njk', {
      sections: [
        { text: 'Committees', href: paths.committees(), description: 'Who sits on each committee and what it does.' },
        { text: 'Meetings', href: paths.meetings(), description: 'Agendas, reports, minutes and decisions.' },
        { text: 'Reviews', href: paths.reviews(), description: 'Scrutiny reviews, their recommendations and the executive’s responses.' },
        { text: 'People', href: paths.people(), description: 'Councillors, officers and others named in the record.' },
      ],
    });
  });
}
