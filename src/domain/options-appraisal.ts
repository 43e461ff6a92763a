// A review's options appraisal as one matrix: its criteria down the side, the options it compares across the top, the review group's judgement in each cell.
import { Judgement } from './vocabulary.ts';

interface CriterionRow {
  id: number;
  number: string | null;
  title: string;
}
interface OptionRow {
  id: number;
  name: string;
  description: string | null;
}
interface JudgementRow {
  criterion_id: number;
  option_id: number;
  judgement: string;
  rationale: string | null;
}
interface EvidenceRow {
  option_id: number | null;
  organisation_name: string | null;
  linked_organisation_name: string | null;
  subject: string | null;
}

export interface AppraisalCell {
  optionId: number;
  /** The vocabulary value (Judgement); "not_assessed" where the review group recorded none. */
  judgement: string;
  label: string;
  rationale: string | null;
  /** False where no judgement is recorded: the cell says "Not assessed" without claiming the group said so. */
  recorded: boolean;
}

export interface Appraisal {
  options: { id: number; name: string; description: string | null; evidence: { organisation: string; subject: string | null }[] }[];
  rows: { criterionId: number; number: string | null; title: string; cells: AppraisalCell[] }[];
  /** How many cells hold a judgement the review group recorded. */
  judged: number;
}

/** The matrix, or null when the review compares no options. */
export function optionsAppraisal(
  criteria: readonly CriterionRow[],
  options: readonly OptionRow[],
  judgements: readonly JudgementRow[],
  evidence: readonly EvidenceRow[],
): Appraisal | null {
  if (options.length === 0) return null;
  const rows = criteria.map((c) => ({
    criterionId: c.id,
    number: c.number,
    title: c.title,
    cells: options.map((o): AppraisalCell => {
      const found = judgements.find((j) => j.criterion_id === c.id && j.option_id === o.id);
      const judgement = found?.judgement ?? 'not_assessed';
      return { optionId: o.id, judgement, label: Judgement.label(judgement), rationale: found?.rationale ?? null, recorded: found !== undefined };
    }),
  }));
  return {
    options: options.map((o) => ({
      id: o.id,
      name: o.name,
      description: o.description,
      evidence: evidence
        .filter((e) => e.option_id === o.id)
        .map((e) => ({ organisation: e.organisation_name ?? e.linked_organisation_name ?? '', subject: e.subject })),
    })),
    rows,
    judged: rows.reduce((n, r) => n + r.cells.filter((cell) => cell.recorded).length, 0),
  };
}
