import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { ConflictException, ForbiddenException, Injectable, Logger, NotFoundException } from '@nestjs/common';
import {
  analyzeComplaint,
  CategoryName,
  ClassifierModel,
  ComplaintAnalysis,
  composeTrainingSet,
  CorpusRow,
  DepartmentCode,
  LabelledText,
  learn,
  loadClassifier,
  saveClassifier,
  TicketKind,
  toLabelled,
} from '@wuye/shared';
import { DataSource } from 'typeorm';
import { AuthUser } from '../common/auth-user';
import { allowed } from '../common/permissions';
import { CLASSIFICATION_PERMISSIONS } from './permissions';
import { ClassificationCorrection } from './correction.entity';
import { Storage } from '../storage/storage';
import { ClassifierModelVersion } from './model-version.entity';

const sharedDir = () => dirname(require.resolve('@wuye/shared/package.json'));

/** Where the model the server ships with lives: the artifact trained from the corpus in shared/. */
export function shippedModelPath(): string {
  return join(sharedDir(), 'model', 'classifier.json');
}

/**
 * Trains in a worker thread: two seconds of CPU must not stall every other request on this instance.
 * The worker runs the same shared library (its built CommonJS) as the server.
 */
const TRAIN_WORKER = `
const { parentPort, workerData: w } = require('node:worker_threads');
const c = require(w.sharedMain);
const current = c.loadClassifier(w.currentJson);
const before = c.evaluate(current, w.test);
// Staff correct categories, not flags: the categories are retrained, the current heads kept.
const model = c.copyHeads(c.train(w.examples, { heads: false }), current);
for (const x of w.corrections) c.learn(model, x.text, x.category);
const after = c.evaluate(model, w.test);
parentPort.postMessage({ json: JSON.stringify(c.saveClassifier(model)),
  before: { accuracy: before.accuracy, macroF1: before.macroF1 }, after: { accuracy: after.accuracy, macroF1: after.macroF1 } });
`;

interface TrainResult {
  json: string;
  before: { accuracy: number; macroF1: number };
  after: { accuracy: number; macroF1: number };
}

function trainInWorker(data: object): Promise<TrainResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(TRAIN_WORKER, {
      eval: true,
      workerData: { sharedMain: require.resolve('@wuye/shared'), ...data },
    });
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => code !== 0 && reject(new Error(`training worker exited with ${code}`)));
  });
}

function readJsonl(path: string): CorpusRow[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as CorpusRow);
}

/** Every *.jsonl under a folder of the corpus, sorted by path (the hand-written corpus is one per writer). */
function readFolder(dir: string): CorpusRow[] {
  if (!existsSync(dir)) return [];
  const out: CorpusRow[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...readFolder(p));
    else if (e.name.endsWith('.jsonl')) out.push(...readJsonl(p));
  }
  return out;
}

/**
 * The training corpus (hand-written messages plus at most 20% template texts, as `pnpm classify:train`)
 * and the template generator's fixed test split, the regression gate of a retrain. The independent
 * evaluation set is never read here: it is for reporting only (docs/classifier.md).
 */
function corpus(): { train: LabelledText[]; test: LabelledText[] } {
  const dir = join(sharedDir(), 'corpus');
  const rows = readJsonl(join(dir, 'complaints.jsonl'));
  const test = new Set<string>(JSON.parse(readFileSync(join(dir, 'split.json'), 'utf8')).test);
  return {
    train: composeTrainingSet(
      readFolder(join(dir, 'written')),
      rows.filter((r) => !test.has(r.id)),
    ),
    test: rows.filter((r) => test.has(r.id)).map(toLabelled),
  };
}

interface CompanyModel {
  model: ClassifierModel;
  corrections: number;
  versionId: string | null;
  /** When the database was last asked whether the model is still current (Date.now()). */
  checkedAt: number;
}

/**
 * How long a company's model is used without asking the database whether another instance stored corrections
 * or switched versions. Corrections made on this instance apply at once; another instance's within this time.
 * Asking on every complaint cost two queries per intake.
 */
const FRESH_MS = 2_000;

/**
 * The complaint classifier 投诉分类 (issue "Classify every complaint"). Each company's model is its active
 * retrained version (or the shipped one) plus the staff corrections stored after it, applied in order;
 * rebuilt when another instance stored corrections or switched versions (noticed within FRESH_MS).
 */
@Injectable()
export class ClassifierService {
  private readonly log = new Logger('Classifier');
  private readonly baseJson: string;
  private readonly companies = new Map<string, CompanyModel>();
  /** A check of a company's model in flight (`modelFor`). */
  private readonly checking = new Map<string, Promise<ClassifierModel>>();
  /** A retrain running on this instance (`retrain`). */
  private training = false;

  constructor(
    private readonly ds: DataSource,
    private readonly storage: Storage,
  ) {
    const started = Date.now();
    this.baseJson = readFileSync(shippedModelPath(), 'utf8');
    loadClassifier(this.baseJson); // fail at start, not on the first complaint, if the artifact is broken
    this.log.log(`model loaded in ${Date.now() - started} ms`);
  }

  /**
   * The company's model; `fresh` asks the database now instead of trusting a check younger than FRESH_MS. Complaints
   * arriving while a check runs wait for that one: after a start, a burst of them builds the model once, not once
   * each.
   */
  private async modelFor(companyId: string, fresh = false): Promise<ClassifierModel> {
    const cached = this.companies.get(companyId);
    if (cached && !fresh && Date.now() - cached.checkedAt < FRESH_MS) return cached.model;
    const pending = this.checking.get(companyId);
    if (pending && !fresh) return pending;
    const check = this.check(companyId, cached).finally(() => {
      if (this.checking.get(companyId) === check) this.checking.delete(companyId);
    });
    this.checking.set(companyId, check);
    return check;
  }

  private async check(companyId: string, cached: CompanyModel | undefined): Promise<ClassifierModel> {
    const checkedAt = Date.now();
    const repo = this.ds.getRepository(ClassificationCorrection);
    const active = await this.ds.getRepository(ClassifierModelVersion).findOneBy({ companyId, active: true });
    const count = await repo.countBy({ companyId });
    if (cached && cached.corrections === count && cached.versionId === (active?.id ?? null)) {
      cached.checkedAt = checkedAt;
      return cached.model;
    }
    const model = loadClassifier(active ? await this.readArtifact(active.storageKey) : this.baseJson);
    const rows = await repo.find({ where: { companyId }, order: { createdAt: 'ASC', id: 'ASC' } });
    for (const r of rows.slice(active?.corrections ?? 0)) learn(model, r.text, r.toCategory as CategoryName);
    this.companies.set(companyId, { model, corrections: count, versionId: active?.id ?? null, checkedAt });
    return model;
  }

  private async readArtifact(key: string): Promise<string> {
    const chunks: Buffer[] = [];
    for await (const c of await this.storage.read(key)) chunks.push(c as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  }

  /**
   * Category, department, triage, flags (emergency and its kind, agitation, compensation) and the kind the
   * text reads as; `filedAs` is the kind it was filed as, for the kind suggestion.
   */
  async classify(
    companyId: string,
    text: string,
    routing?: Partial<Record<CategoryName, DepartmentCode>>,
    filedAs?: TicketKind,
  ): Promise<ComplaintAnalysis> {
    const model = await this.modelFor(companyId);
    return analyzeComplaint(model, text, {
      ...(routing ? { routing } : {}),
      ...(filedAs ? { filedAs } : {}),
    });
  }

  /** Stores a staff correction and applies it to this instance's model at once. */
  async correct(input: {
    companyId: string;
    ticketId: string | null;
    text: string;
    fromCategory: string | null;
    toCategory: CategoryName;
    userId: string;
  }) {
    const model = await this.modelFor(input.companyId, true);
    await this.ds.getRepository(ClassificationCorrection).insert({
      companyId: input.companyId,
      ticketId: input.ticketId,
      text: input.text,
      fromCategory: input.fromCategory,
      toCategory: input.toCategory,
      correctedById: input.userId,
    });
    learn(model, input.text, input.toCategory);
    const cached = this.companies.get(input.companyId);
    if (cached) cached.corrections += 1;
  }

  private assertModelAdmin(user: AuthUser) {
    if (user.kind !== 'staff' || !user.companyId || !allowed(CLASSIFICATION_PERMISSIONS.manageModels, user)) {
      throw new ForbiddenException('只有项目经理或集团可以管理分类模型');
    }
  }

  /**
   * Full retrain on demand: the corpus's training part plus every correction of the company. Accuracy
   * before and after on the fixed test split is recorded; the new model goes live only if it is not worse
   * (by more than half a point), otherwise it is kept for inspection and can be activated by hand.
   * Training (about two seconds of CPU) runs in a worker thread, not on the request loop.
   */
  async retrain(user: AuthUser) {
    this.assertModelAdmin(user);
    // One training at a time on this instance: each costs seconds of CPU and a few hundred MB.
    if (this.training) throw new ConflictException('模型正在训练中，请稍后再试');
    this.training = true;
    try {
      return await this.retrainNow(user);
    } finally {
      this.training = false;
    }
  }

  private async retrainNow(user: AuthUser) {
    const companyId = user.companyId!;
    const { train: base, test } = corpus();
    const corrections = await this.ds
      .getRepository(ClassificationCorrection)
      .find({ where: { companyId }, order: { createdAt: 'ASC', id: 'ASC' } });
    const examples = [
      ...base,
      ...corrections.map((c) => ({
        text: c.text,
        category: c.toCategory as CategoryName,
        group: `correction-${c.id}`,
      })),
    ];
    const result = await trainInWorker({
      currentJson: JSON.stringify(saveClassifier(await this.modelFor(companyId, true))),
      examples,
      test,
      corrections: corrections.map((c) => ({ text: c.text, category: c.toCategory })),
    });
    const repo = this.ds.getRepository(ClassifierModelVersion);
    const row = repo.create({
      companyId,
      createdById: user.id,
      corrections: corrections.length,
      trainSize: examples.length,
      accuracyBefore: result.before.accuracy,
      accuracyAfter: result.after.accuracy,
      macroF1Before: result.before.macroF1,
      macroF1After: result.after.macroF1,
      active: false,
    });
    row.storageKey = `models/${companyId}/${row.id}.json`;
    await this.storage.put(row.storageKey, Buffer.from(result.json));
    await repo.insert(row);
    if (result.after.accuracy >= result.before.accuracy - 0.005) await this.activate(user, row.id);
    return this.versions(user);
  }

  /** Makes one version live, or with null goes back to the shipped model: the rollback. */
  async activate(user: AuthUser, id: string | null) {
    this.assertModelAdmin(user);
    const companyId = user.companyId!;
    const repo = this.ds.getRepository(ClassifierModelVersion);
    if (id && !(await repo.findOneBy({ id, companyId }))) throw new NotFoundException('没有这个模型版本');
    await this.ds.transaction(async (m) => {
      await m.getRepository(ClassifierModelVersion).update({ companyId, active: true }, { active: false });
      if (id) await m.getRepository(ClassifierModelVersion).update({ id }, { active: true });
    });
    this.companies.delete(companyId);
    return this.versions(user);
  }

  async versions(user: AuthUser) {
    this.assertModelAdmin(user);
    const rows = await this.ds
      .getRepository(ClassifierModelVersion)
      .find({ where: { companyId: user.companyId! }, order: { createdAt: 'DESC' }, take: 20 });
    return rows.map(({ storageKey: _key, ...r }) => r);
  }
}
