// Starts GOV.UK Frontend's components (service navigation menu, skip link focus, and any on later pages).
// The URL is paths.assets('govuk-frontend.min.js'); a file served as-is to browsers cannot import paths.ts.
import { initAll } from '/assets/govuk-frontend.min.js';

initAll();
