// Keeps what `{% from "x" import y %}` exports, so that each page does not run every imported template again (GOV.UK Frontend's components import several others each).
import nunjucks from 'nunjucks';

type Exported = Record<string, unknown>;
type Done = (error: unknown, exported: Exported | null) => void;
interface ExportingTemplate {
  getExported: (this: object, context: unknown, parentFrame?: unknown, done?: unknown) => void;
}

const known = new WeakMap<object, Exported>();
const prototype = nunjucks.Template.prototype as unknown as ExportingTemplate;
const runAndExport = prototype.getExported;

/**
 * An import without context (`{% from "x" import y %}`, not `... with context`) runs the imported
 * template against an empty context: its exports (macros, and top-level `set`s of globals) are the
 * same every time, and a macro renders in the context it was defined in, never the importer's. So
 * the first run's exports are kept for the compiled template (a template reloaded is a new object).
 * An import with context still runs every time, as its exports may depend on the importer.
 */
prototype.getExported = function getExported(this: object, context: unknown, parentFrame?: unknown, done?: unknown): void {
  if (typeof context !== 'function' || parentFrame !== undefined || done !== undefined) {
    runAndExport.call(this, context, parentFrame, done);
    return;
  }
  const callback = context as Done;
  const exported = known.get(this);
  if (exported !== undefined) {
    callback(null, exported);
    return;
  }
  runAndExport.call(this, (error: unknown, result: Exported | null) => {
    if (!error && result !== null) known.set(this, result);
    callback(error, result);
  });
};
