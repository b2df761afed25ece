#!/usr/bin/env node
// `pnpm classify:train`: trains the complaint classifier on the train split of shared/corpus and
// writes shared/model/classifier.json. Deterministic: same corpus → byte-identical artifact.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import * as prettier from 'prettier';
import { corpusSplit, lib, paths } from './classify-lib.mjs';

const { train, saveClassifier, modelFingerprint } = lib();
const { train: examples } = corpusSplit();
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
  `trained on ${examples.length} texts in ${((Date.now() - started) / 1000).toFixed(1)}s: ` +
    `${json.meta.features} features, temperature ${json.temperature}, threshold ${json.threshold}, ` +
    `${(text.length / 1024 / 1024).toFixed(2)} MB, fingerprint ${modelFingerprint(model)}`,
);
