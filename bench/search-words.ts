// The searches the benchmarks time: common council subjects, from single words to four-word phrases.
export const SEARCH_WORDS = [
  'housing',
  'adult social care',
  'flood risk',
  'libraries',
  'budget',
  'recycling',
  'school transport',
  'climate emergency',
  'taxi licensing',
  'safeguarding children',
  'leisure centres',
  'air quality',
  'homelessness prevention',
  'procurement',
  'apprenticeships',
  'dementia care',
  'bus services',
  'street lighting',
  'youth services',
  'parks and green spaces',
];

/**
 * Other subjects, searched before the timed ones and not timed: a server that has been answering
 * searches (its database connections and caches in use), asked words it has not been asked yet.
 */
export const WARM_UP_WORDS = [
  'planning applications',
  'council tax',
  'waste collection',
  'highways',
  'tourism',
  'cemeteries',
  'allotments',
  'road safety',
  'domestic abuse',
  'foster care',
];
