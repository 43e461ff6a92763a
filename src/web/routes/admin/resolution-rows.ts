// Reads a resolution's numbered limb rows (limb1Verb, limb1Text, limb1TargetOrganisationId, limb1TargetMeetingId …) from a posted minute form.
import { ResolutionVerb } from '../../../domain/vocabulary.ts';
import type { FieldError } from '../../../services/errors.ts';
import { MAX_LIMBS, type LimbInput, type LimbRows } from '../../../services/meeting-workspace-service.ts';

/** The limbs the rows hold, in order; blank rows are skipped, and each broken row names its field. */
export function limbRows(values: Record<string, string>): LimbRows {
  const limbs: LimbInput[] = [];
  const errors: FieldError[] = [];
  for (let n = 1; n <= MAX_LIMBS; n++) {
    const field = (name: string) => (values[`limb${n}${name}`] ?? '').trim();
    const verb = field('Verb');
    const text = field('Text');
    const target = field('TargetOrganisationId');
    const targetMeeting = field('TargetMeetingId');
    const trackIt = field('Track') === 'yes';
    if (verb === '' && text === '' && target === '' && targetMeeting === '' && !trackIt) continue;
    if (!ResolutionVerb.is(verb)) errors.push({ field: `limb${n}Verb`, message: `Choose what limb (${n}) of the resolution does` });
    if (text === '') errors.push({ field: `limb${n}Text`, message: `Enter the words of limb (${n}), beginning “That”` });
    if (text.length > 20_000) errors.push({ field: `limb${n}Text`, message: `The words of limb (${n}) must be 20,000 characters or fewer` });
    if (target !== '' && !/^[1-9][0-9]{0,8}$/.test(target))
      errors.push({ field: `limb${n}TargetOrganisationId`, message: 'Choose the body the matter goes to' });
    if (targetMeeting !== '' && !/^[1-9][0-9]{0,8}$/.test(targetMeeting)) errors.push({ field: `limb${n}TargetMeetingId`, message: 'Choose the meeting' });
    // RULES.md: "recommended / referred (another body decides)": such a limb names that body.
    if ((verb === 'referred' || verb === 'recommended') && target === '' && targetMeeting === '') {
      errors.push({ field: `limb${n}TargetOrganisationId`, message: `Choose the body limb (${n}) refers the matter to` });
    }
    limbs.push({
      verb,
      text,
      targetOrganisationId: target === '' ? null : Number(target),
      targetMeetingId: targetMeeting === '' ? null : Number(targetMeeting),
      track: trackIt,
    });
  }
  return { limbs, errors };
}
