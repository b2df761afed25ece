/**
 * Complaint classification 投诉分类: the eight categories and their departments, text normalisation,
 * cause rules, the linear model (train / learn / evaluate / load), and flags (emergency, agitated,
 * compensation). Pure: no I/O; the CLI scripts and the server read the artifact and pass it in.
 */
export * from './categories';
export * from './normalize';
export * from './lexicon';
export * from './rules';
export * from './features';
export * from './flags';
export * from './emergency';
export * from './heads';
export * from './train-heads';
export * from './corpus';
export { segmenterAvailable } from './segment';
export {
  type LabelledText,
  type Correction,
  type ClassifierModel,
  type TrainOptions,
  type ModelJson,
  DEFAULT_TRAIN_OPTIONS,
  MODEL_FORMAT,
  CORRECTION_SIMILARITY,
  predictProba,
  modelFingerprint,
} from './model';
export * from './classifier';
export * from './analyze';
export * from './trades';
