// The searches the benchmarks time: common council subjects, from single words to four-word phrases.
export const SEARCH_WORDS = ['housing', 'adult social care', 'flood risk', 'libraries', 'budget', 'recycling', 'school transport', 'climate emergency',
  'taxi licensing', 'safeguarding children', 'leisure centres', 'air quality', 'homelessness prevention', 'procurement', 'apprenticeships',
  'dementia care', 'bus services', 'street lighting', 'youth services', 'parks and green spaces'];
