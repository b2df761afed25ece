import { departmentName } from './categories';
import { classify, type Classification, type ClassifyOptions } from './classifier';
import { detectFlags, type ComplaintFlags } from './flags';
import type { ClassifierModel } from './model';

/** Everything the intake needs about one complaint text: category, department, triage and flags. */
export interface ComplaintAnalysis extends Classification {
  departmentName: string;
  flags: ComplaintFlags;
}

/** classify + detectFlags in one call (what the server and the `pnpm classify` CLI use). */
export function analyzeComplaint(
  model: ClassifierModel,
  text: string,
  options: ClassifyOptions = {},
): ComplaintAnalysis {
  const c = classify(model, text, options);
  return { ...c, departmentName: departmentName(c.departmentCode), flags: detectFlags(text) };
}
