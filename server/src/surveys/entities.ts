import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { ID, NULLABLE_ID, newId, TIMESTAMP } from '../common/entity-helpers';

/**
 * Questionnaire 调查问卷, one version of it. Frozen 冻结 once a campaign starts with it: answers must
 * keep meaning what they meant, so later edits go into a new version of the same family.
 */
@Entity('survey_questionnaires')
@Index(['familyId', 'version'], { unique: true })
export class SurveyQuestionnaire {
  @PrimaryColumn(ID) id: string = newId();
  @Index() @Column(ID) companyId: string;
  /** The first version's id; all versions of one questionnaire share it. */
  @Column(ID) familyId: string;
  @Column({ type: 'int' }) version: number;
  @Column({ type: 'varchar', length: 100 }) title: string;
  @Column({ type: 'text' }) intro: string;
  @Column({ type: 'text' }) closing: string;
  @Column({ ...TIMESTAMP, nullable: true }) frozenAt: Date | null;
  @Column(ID) createdById: string;
  @Column(TIMESTAMP) createdAt: Date;
  @Column(TIMESTAMP) updatedAt: Date;
}

/** Driver 驱动因素 of a questionnaire version, with its weight 权重. */
@Entity('survey_drivers')
export class SurveyDriverRow {
  @PrimaryColumn(ID) id: string = newId();
  @Index() @Column(ID) questionnaireId: string;
  @Column({ type: 'varchar', length: 30 }) code: string;
  @Column({ type: 'varchar', length: 50 }) name: string;
  @Column({ type: 'int' }) weight: number;
  @Column({ type: 'int' }) sort: number;
}

/** Section 部分 of a questionnaire version. */
@Entity('survey_sections')
export class SurveySectionRow {
  @PrimaryColumn(ID) id: string = newId();
  @Index() @Column(ID) questionnaireId: string;
  @Column({ type: 'varchar', length: 100 }) title: string;
  @Column({ type: 'int' }) sort: number;
}

/** Question 题目: closed 评分题 (scale + driver) or open 开放题. */
@Entity('survey_questions')
export class SurveyQuestionRow {
  @PrimaryColumn(ID) id: string = newId();
  @Index() @Column(ID) questionnaireId: string;
  @Column(ID) sectionId: string;
  @Column({ type: 'varchar', length: 40 }) key: string;
  @Column({ type: 'varchar', length: 10 }) kind: 'scale' | 'open';
  @Column({ type: 'varchar', length: 200 }) text: string;
  @Column({ type: 'int', nullable: true }) scale: number | null;
  @Column({ type: 'varchar', length: 30, nullable: true }) driverCode: string | null;
  @Column({ type: 'int' }) sort: number;
}

export type CampaignStatus = 'draft' | 'running' | 'closed';

/**
 * Campaign 满意度调查 of one project. Sampling rules are integer percents; the sample is drawn once,
 * when it starts, and stored with the seed (docs/domain-rules.md "Satisfaction surveys": fixed in advance).
 */
@Entity('survey_campaigns')
export class SurveyCampaign {
  @PrimaryColumn(ID) id: string = newId();
  @Index() @Column(ID) companyId: string;
  @Index() @Column(ID) projectId: string;
  @Column(ID) questionnaireId: string;
  @Column({ type: 'varchar', length: 100 }) title: string;
  @Column({ type: 'varchar', length: 10 }) status: CampaignStatus;
  /** 抽样比例, percent (≥ 20). */
  @Column({ type: 'int' }) samplePercent: number;
  /** 最少样本量 (≥ 20). */
  @Column({ type: 'int' }) minSample: number;
  /** A questionnaire is valid when at least this percent of its closed questions are answered. */
  @Column({ type: 'int' }) minAnsweredPercent: number;
  @Column({ type: 'varchar', length: 64, nullable: true }) seed: string | null;
  @Column({ type: 'int', nullable: true }) populationSize: number | null;
  @Column({ type: 'int', nullable: true }) sampleSize: number | null;
  @Column(ID) createdById: string;
  @Column(TIMESTAMP) createdAt: Date;
  @Column(NULLABLE_ID) startedById: string | null;
  @Column({ ...TIMESTAMP, nullable: true }) startedAt: Date | null;
  @Column(NULLABLE_ID) closedById: string | null;
  @Column({ ...TIMESTAMP, nullable: true }) closedAt: Date | null;
}

/** A sampled household 样本户, with what it was sampled as (building, customer type) at the start. */
@Entity('survey_campaign_households')
@Index(['campaignId', 'householdId'], { unique: true })
export class SurveyCampaignHousehold {
  @PrimaryColumn(ID) id: string = newId();
  @Column(ID) campaignId: string;
  @Index() @Column(ID) householdId: string;
  @Column(ID) buildingId: string;
  @Column({ type: 'varchar', length: 50 }) buildingName: string;
  @Column({ type: 'varchar', length: 100 }) householdLabel: string;
  @Column({ type: 'varchar', length: 20 }) customerType: string;
}

/** One household's answer sheet 答卷: a draft until submitted; one per sampled household. */
@Entity('survey_responses')
@Index(['campaignId', 'householdId'], { unique: true })
export class SurveyResponse {
  @PrimaryColumn(ID) id: string = newId();
  @Column(ID) campaignId: string;
  @Column(ID) householdId: string;
  /** The resident who last saved or submitted it (never shown in results). */
  @Column(ID) respondentId: string;
  @Column({ type: 'varchar', length: 10 }) status: 'draft' | 'submitted';
  @Column({ type: 'varchar', length: 64, nullable: true }) idempotencyKey: string | null;
  @Column({ type: 'varchar', length: 64, nullable: true }) requestHash: string | null;
  @Column({ type: 'int', default: 0 }) answeredClosed: number;
  /** Set on submit: enough closed questions answered (无效问卷 otherwise). */
  @Column({ type: 'boolean', nullable: true }) valid: boolean | null;
  @Column(TIMESTAMP) createdAt: Date;
  @Column(TIMESTAMP) updatedAt: Date;
  @Column({ ...TIMESTAMP, nullable: true }) submittedAt: Date | null;
}

/** One answer: a point for a closed question, text for an open one. */
@Entity('survey_answers')
@Index(['responseId', 'questionId'], { unique: true })
export class SurveyAnswer {
  @PrimaryColumn(ID) id: string = newId();
  @Column(ID) responseId: string;
  @Column(ID) questionId: string;
  @Column({ type: 'int', nullable: true }) point: number | null;
  @Column({ type: 'text', nullable: true }) text: string | null;
}

/** Audit trail 操作记录 of a campaign: who created, changed, started, closed or exported it. */
@Entity('survey_events')
export class SurveyEvent {
  @PrimaryColumn(ID) id: string = newId();
  @Index() @Column(ID) campaignId: string;
  @Column({ type: 'varchar', length: 20 }) action: 'created' | 'updated' | 'started' | 'closed' | 'exported';
  @Column(ID) actorId: string;
  @Column(TIMESTAMP) at: Date;
  @Column({ type: 'text', nullable: true }) detail: string | null;
}

export const SURVEY_ENTITIES = [
  SurveyQuestionnaire,
  SurveyDriverRow,
  SurveySectionRow,
  SurveyQuestionRow,
  SurveyCampaign,
  SurveyCampaignHousehold,
  SurveyResponse,
  SurveyAnswer,
  SurveyEvent,
];
