#!/usr/bin/env node
// `pnpm classify:train`: trains the complaint classifier (categories, kind, emergency and agitation heads)
// on the hand-written corpus plus at most 20% template texts, and writes shared/model/classifier.json.
// Deterministic: same corpus → byte-identical artifact. Never reads the evaluation or local sets.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import * as prettier from 'prettier';
import { lib, paths, trainingSet } from './classify-lib.mjs';

const { train, saveClassifier, modelFingerprint, segmenterAvailable } = lib();
if (!segmenterAvailable()) throw new Error('@node-rs/jieba is not installed: run pnpm install');
const { written, examples, decontaminated } = trainingSet();
const started = Date.now();
const model = train(examples);
const json = saveClassifier(model);
mkdirSync(dirname(paths.model), { recursive: true });
// Written in the workspace's Prettier style so `pnpm lint` accepts the committed artifact.
const text = await prettier.format(JSON.stringify(json), {
  ...(await prettier.resolveConfig(paths.model)),
  parser: 'json',
});
writeFileSync(paths.model, text);
console.log(
  `trained on ${examples.length} texts (${written.length} written, ${examples.length - written.length} template; ` +
    `${decontaminated} written texts identical to evaluation texts left out) ` +
    `in ${((Date.now() - started) / 1000).toFixed(1)}s: ${json.meta.features} features, temperature ${json.temperature}, ` +
    `threshold ${json.threshold}, flag thresholds ${JSON.stringify(json.flagThresholds)}, ` +
    `${(text.length / 1024 / 1024).toFixed(2)} MB, fingerprint ${modelFingerprint(model)}`,
);
