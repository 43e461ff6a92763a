// The kinds of record an officer may withdraw as created in error, and how officers name each kind.

/**
 * Records that may be withdrawn: created in error (a test review, a doubled membership), they leave
 * every public output but stay in the workspace and the audit trail, and can be restored.
 */
export const WITHDRAWABLE_KINDS = ['review', 'recommendation', 'membership', 'agenda_item', 'document', 'progress_update', 'attendance'] as const;
export type WithdrawableKind = (typeof WITHDRAWABLE_KINDS)[number];

export function isWithdrawableKind(value: string): value is WithdrawableKind {
  return (WITHDRAWABLE_KINDS as readonly string[]).includes(value);
}

/** The kind in words, as a sentence continues it ("Withdraw this agenda item"). */
export const WITHDRAWABLE_NOUNS: Readonly<Record<WithdrawableKind, string>> = {
  review: 'review',
  recommendation: 'recommendation',
  membership: 'membership',
  agenda_item: 'agenda item',
  document: 'document',
  progress_update: 'progress update',
  attendance: 'attendance entry',
};
