// A meeting's packs as PDF files: the public agenda pack and supplements, and the exempt pack for those who may read withheld business.
import type { FastifyInstance } from 'fastify';
import { packRoutePatterns } from '../../paths.ts';
import { PUBLIC_MAX_AGE_SECONDS } from '../../http-cache.ts';
import { sendStoredFile } from '../../stored-file.ts';
import { actorOf, requireRole } from '../../session.ts';
import { readId } from '../admin/admin-params.ts';
import { contentDisposition } from './document-file-routes.ts';
import { readNumber, type PublicRouteDeps } from './route-params.ts';

interface Pack {
  content: Buffer;
  content_hash: string;
  built_at: string;
}

function file(pack: Pack, fileName: string, cacheControl: string) {
  return {
    content: pack.content,
    // Strong: the tag is the hash of these very bytes, so byte ranges of it may be combined (RFC 9110 §8.8.3).
    etag: `"${pack.content_hash}"`,
    mediaType: 'application/pdf',
    contentDisposition: contentDisposition('inline', fileName),
    cacheControl,
    lastModified: new Date(pack.built_at).toUTCString(),
  };
}

export function meetingPackRoutes(app: FastifyInstance, { services }: PublicRouteDeps): void {
  const publicCache = `public, max-age=${PUBLIC_MAX_AGE_SECONDS}`;

  app.get<{ Params: { slug: string } }>(packRoutePatterns.agenda, async (request, reply) => {
    const pack = await services.packs.publicPack(request.params.slug, 'agenda', 0);
    return sendStoredFile(request, reply, file(pack, `agenda-pack-${pack.meeting.slug}.pdf`, publicCache));
  });

  app.get<{ Params: { slug: string; number: string } }>(packRoutePatterns.supplement, async (request, reply) => {
    const number = readNumber(request.params.number, 'supplementary pack');
    const pack = await services.packs.publicPack(request.params.slug, 'supplement', number);
    return sendStoredFile(request, reply, file(pack, `supplementary-pack-${number}-${pack.meeting.slug}.pdf`, publicCache));
  });

  app.get<{ Params: { slug: string } }>(packRoutePatterns.minutes, async (request, reply) => {
    const pack = await services.packs.publicPack(request.params.slug, 'minutes', 0);
    return sendStoredFile(request, reply, file(pack, `minutes-${pack.meeting.slug}.pdf`, publicCache));
  });

  // Lead officers have no seat on a body: only councillors and the officers who keep the record,
  // and of those only the ones the exempt-access rule lets read this meeting's withheld business.
  app.get<{ Params: { id: string } }>(
    packRoutePatterns.exempt,
    { preHandler: requireRole('administrator', 'democratic_services', 'councillor') },
    async (request, reply) => {
      const pack = await services.packs.exemptPack(actorOf(request), readId(request.params.id));
      // Exempt text: no cache may keep it (RFC 9111 §5.2.2.5).
      return sendStoredFile(request, reply, file(pack, `exempt-papers-not-for-publication-${pack.meeting.slug}.pdf`, 'private, no-store'));
    },
  );
}
