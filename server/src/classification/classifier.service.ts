import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Injectable, Logger } from '@nestjs/common';
import {
  CategoryName,
  Classification,
  classify,
  ClassifierModel,
  ComplaintFlags,
  DepartmentCode,
  detectFlags,
  learn,
  loadClassifier,
  saveClassifier,
} from '@wuye/shared';
import { DataSource } from 'typeorm';
import { ClassificationCorrection } from '../routing/routing.entities';

/** Where the model the server ships with lives: the artifact trained from the corpus in shared/. */
export function shippedModelPath(): string {
  return join(dirname(require.resolve('@wuye/shared/package.json')), 'model', 'classifier.json');
}

interface CompanyModel {
  model: ClassifierModel;
  corrections: number;
}

/**
 * The complaint classifier 投诉分类 (issue "Classify every complaint"). One shipped base model; each
 * company's model is the base plus its staff corrections applied in order, rebuilt when another
 * instance has stored corrections this one has not seen.
 */
@Injectable()
export class ClassifierService {
  private readonly log = new Logger('Classifier');
  private readonly baseJson: string;
  private readonly companies = new Map<string, CompanyModel>();

  constructor(private readonly ds: DataSource) {
    const started = Date.now();
    this.baseJson = readFileSync(shippedModelPath(), 'utf8');
    loadClassifier(this.baseJson); // fail at start, not on the first complaint, if the artifact is broken
    this.log.log(`model loaded in ${Date.now() - started} ms`);
  }

  private async modelFor(companyId: string): Promise<ClassifierModel> {
    const repo = this.ds.getRepository(ClassificationCorrection);
    const count = await repo.countBy({ companyId });
    const cached = this.companies.get(companyId);
    if (cached && cached.corrections === count) return cached.model;
    const model = loadClassifier(this.baseJson);
    const rows = await repo.find({ where: { companyId }, order: { createdAt: 'ASC', id: 'ASC' } });
    for (const r of rows) learn(model, r.text, r.toCategory as CategoryName);
    this.companies.set(companyId, { model, corrections: rows.length });
    return model;
  }

  async classify(
    companyId: string,
    text: string,
    routing?: Partial<Record<CategoryName, DepartmentCode>>,
  ): Promise<Classification & { flags: ComplaintFlags }> {
    const model = await this.modelFor(companyId);
    return { ...classify(model, text, routing ? { routing } : {}), flags: detectFlags(text) };
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
    const model = await this.modelFor(input.companyId);
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

  /** The company's current model as JSON (for a retrain or an audit). */
  async export(companyId: string) {
    return saveClassifier(await this.modelFor(companyId));
  }
}
