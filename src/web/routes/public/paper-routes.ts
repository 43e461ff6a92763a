// Generated papers at their public addresses: `<record>/<paper>.docx`, `.pdf` and `/print`; officers add `?version=full`.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { PAPER_FORMATS, type Paper, type PaperAudience, type PaperFormat } from '../../../domain/paper.ts';
import { mayReadAnyWithheld } from '../../../domain/withheld.ts';
import { paperToHtml, PAPER_CSS } from '../../../export/paper-html.ts';
import { ForbiddenError } from '../../../services/errors.ts';
import type { PaperOptions } from '../../../services/paper-service.ts';
import { paperRoutePatterns, paths } from '../../paths.ts';
import { readNumber, type PublicRouteDeps } from './route-params.ts';

const MEDIA_TYPES: Record<Exclude<PaperFormat, 'print'>, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
};

const versionQuery = z.object({ version: z.enum(['full']).optional() }).loose();
/** An annual report's year: the year its municipal year starts in (2017 for 2017/18). */
const annualYearQuery = z.object({ year: z.coerce.number().int().min(1900).max(2999) }).loose();
const periodQuery = z.object({ from: z.string().max(20).optional(), to: z.string().max(20).optional() }).loose();

type Params = { slug: string; resolution?: string; year?: string };

interface Built {
  paper: Paper;
  back: { href: string; text: string };
}

/** A quoted-string file name for Content-Disposition (RFC 6266): our file names are slugs, so ASCII already. */
function disposition(kind: 'attachment' | 'inline', name: string): string {
  return `${kind}; filename="${name.replace(/[^A-Za-z0-9._-]/g, '-')}"`;
}

export function paperRoutes(app: FastifyInstance, { services }: PublicRouteDeps): void {
  app.get(paths.papers.stylesheet(), async (_request, reply) => {
    return reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(PAPER_CSS);
  });

  /**
   * The version a request may have: the public version unless `?version=full` is asked for by a
   * signed-in reader of withheld business. Who that is, and of which bodies, is the one rule of
   * src/domain/withheld.ts (democratic services officers and administrators; councillors, of the
   * bodies they sit on); the paper service checks the paper's body against the reader's reach.
   * Anyone else asking for it is sent to sign in (or refused), never quietly given the public
   * version, so a reader always knows which one they hold.
   */
  async function audienceOf(request: FastifyRequest): Promise<PaperOptions | 'sign-in'> {
    const parsed = versionQuery.safeParse(request.query ?? {});
    if (!parsed.success || parsed.data.version !== 'full') return { audience: 'public' };
    if (!request.actor) return 'sign-in';
    const reach = await services.exemptAccess.reach(request.actor);
    if (!mayReadAnyWithheld(reach)) throw new ForbiddenError('Your account may not see the full version of a paper');
    return { audience: 'officer', reach };
  }

  async function send(reply: FastifyReply, format: PaperFormat, built: Built, audience: PaperAudience): Promise<FastifyReply> {
    // The full version holds exempt text: no cache may keep it (RFC 9111 §5.2.2.5).
    if (audience === 'officer') reply.header('cache-control', 'private, no-store');
    const { paper } = built;
    if (format === 'print') {
      return reply.type('text/html; charset=utf-8').send(paperToHtml(paper, { stylesheetHref: paths.papers.stylesheet(), back: built.back }));
    }
    const suffix = audience === 'officer' ? '-not-for-publication' : '';
    // docx and pdfkit are loaded when a paper is first asked for in that format, not at start-up.
    const body =
      format === 'docx'
        ? await (await import('../../../export/paper-docx.ts')).paperToDocx(paper)
        : await (await import('../../../export/paper-pdf.ts')).paperToPdf(paper);
    return (
      reply
        .type(MEDIA_TYPES[format])
        // Word files download; PDFs open in the browser's viewer.
        .header('content-disposition', disposition(format === 'docx' ? 'attachment' : 'inline', `${paper.fileName}${suffix}.${format}`))
        .send(body)
    );
  }

  function serve(pattern: string, build: (request: FastifyRequest<{ Params: Params }>, options: PaperOptions) => Promise<Built>): void {
    for (const format of PAPER_FORMATS) {
      const url = format === 'print' ? `${pattern}/print` : `${pattern}.${format}`;
      app.get<{ Params: Params }>(url, async (request, reply) => {
        const options = await audienceOf(request);
        if (options === 'sign-in') return reply.redirect(paths.signIn(request.url), 303);
        return send(reply, format, await build(request, options), options.audience ?? 'public');
      });
    }
  }

  serve(paperRoutePatterns.response, async (request) => ({
    paper: await services.papers.response(request.params.slug),
    back: { href: paths.reviewResponse(request.params.slug), text: 'the executive response' },
  }));
  serve(paperRoutePatterns.annex, async (request) => ({
    paper: await services.papers.annex(request.params.slug),
    back: { href: paths.review(request.params.slug), text: 'the review' },
  }));
  serve(paperRoutePatterns.agenda, async (request, options) => ({
    paper: await services.papers.agenda(request.params.slug, options),
    back: { href: paths.meeting(request.params.slug), text: 'the meeting' },
  }));
  serve(paperRoutePatterns.minutes, async (request, options) => ({
    paper: await services.papers.minutes(request.params.slug, options),
    back: { href: paths.meeting(request.params.slug), text: 'the meeting' },
  }));
  serve(paperRoutePatterns.decision, async (request, options) => ({
    paper: await services.papers.decision(request.params.slug, readNumber(request.params.resolution ?? '', 'decision'), options),
    back: { href: paths.meeting(request.params.slug), text: 'the meeting' },
  }));
  serve(paperRoutePatterns.forwardPlan, async (request, options) => {
    const period = periodQuery.safeParse(request.query ?? {});
    const { from, to } = period.success ? period.data : {};
    return {
      paper: await services.papers.forwardPlan(request.params.slug, { ...(from ? { from } : {}), ...(to ? { to } : {}) }, options),
      back: { href: paths.committee(request.params.slug), text: 'the committee' },
    };
  });
  serve(paperRoutePatterns.urgencyReport, async (request) => {
    const period = periodQuery.safeParse(request.query ?? {});
    const { from, to } = period.success ? period.data : {};
    return {
      paper: await services.papers.urgencyReport({ ...(from ? { from } : {}), ...(to ? { to } : {}) }),
      back: { href: paths.forwardPlan(), text: 'the forward plan' },
    };
  });
  serve(paperRoutePatterns.trackerReport, async (request) => ({
    paper: await services.papers.trackerReport(request.params.slug),
    back: { href: paths.committee(request.params.slug), text: 'the committee' },
  }));
  serve(paperRoutePatterns.workProgramme, async (request) => {
    const year = readNumber(request.params.year ?? '', 'work programme');
    return {
      paper: await services.papers.workProgramme(request.params.slug, year),
      back: { href: paths.workProgramme(request.params.slug, year), text: 'the work programme' },
    };
  });
  serve(paperRoutePatterns.annualReport, async (request) => {
    const year = annualYearQuery.safeParse(request.query ?? {});
    return {
      paper: await services.papers.annualReport(request.params.slug, year.success ? year.data.year : undefined),
      back: { href: paths.committee(request.params.slug), text: 'the committee' },
    };
  });
  serve(paperRoutePatterns.councilAnnualReport, async (request) => {
    const year = annualYearQuery.safeParse(request.query ?? {});
    return {
      paper: await services.papers.councilAnnualReport(year.success ? year.data.year : undefined),
      back: { href: paths.committees(), text: 'the committees' },
    };
  });
}
