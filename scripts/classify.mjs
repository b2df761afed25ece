#!/usr/bin/env node
// `pnpm classify`: reads JSON lines {"text": "...", "kind"?: "complaint"} on stdin, writes one JSON line per
// input with the category, confidence, department, reasons, triage, flags (emergency and its kind,
// agitated, compensation), the kind the text reads as and, when it was filed as another kind, a suggestion.
// `--threshold 0.8` overrides the model's threshold; `--model path.json` another artifact. Builds shared/
// first when needed, so it works right after `pnpm install`.
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { lib, paths } from './classify-lib.mjs';

const { loadClassifier, analyzeComplaint } = lib();
const args = process.argv.slice(2);
const opt = (name) => (args.indexOf(name) >= 0 ? args[args.indexOf(name) + 1] : undefined);
const model = loadClassifier(readFileSync(opt('--model') ?? paths.model, 'utf8'));
const threshold = opt('--threshold') !== undefined ? Number(opt('--threshold')) : undefined;

const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
for await (const line of rl) {
  if (!line.trim()) continue;
  let text;
  let filedAs;
  try {
    const j = JSON.parse(line);
    text = typeof j === 'string' ? j : j.text;
    filedAs = typeof j === 'object' && typeof j.kind === 'string' ? j.kind : undefined;
    if (typeof text !== 'string') throw new Error('missing "text"');
  } catch (e) {
    process.stdout.write(JSON.stringify({ error: `bad input line: ${e.message}` }) + '\n');
    continue;
  }
  const a = analyzeComplaint(model, text, { threshold, filedAs });
  const out = {
    category: a.category,
    confidence: a.confidence,
    department: a.departmentName,
    departmentCode: a.departmentCode,
    reasons: a.reasons,
    needsTriage: a.needsTriage,
    ...(a.triageReason ? { triageReason: a.triageReason } : {}),
    flags: a.flags,
    kind: a.kind,
    ...(a.kindSuggestion ? { kindSuggestion: a.kindSuggestion } : {}),
    emergencyKind: a.flags.emergencyKind,
    explanation: a.explanation,
  };
  process.stdout.write(JSON.stringify(out) + '\n');
}
