import { createHmac, timingSafeEqual } from 'node:crypto';
import { ForbiddenException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import ExcelJS from 'exceljs';
import { DataSource } from 'typeorm';
import { AuthService } from '../auth/auth.service';
import { AuthUser } from '../common/auth-user';
import { Clock } from '../common/clock';
import { User } from '../org/entities';
import { FILE_URL_SECRET } from '../storage/uploads.service';
import { CampaignsService } from './campaigns.service';

/** Export links are short-lived: results are sensitive, a link in a chat must not work for long. */
export const EXPORT_URL_TTL_S = 10 * 60;

type Results = Awaited<ReturnType<CampaignsService['results']>>;

const PCT = '0.0%';
const SCORE = '0.0';
const round1 = (x: number | null) => (x === null ? null : Math.round(x * 10) / 10);

/**
 * Results export 导出 to Excel. The download link is signed like photo links (UploadsService.signedUrl):
 * it names the campaign and the person it was made for, expires, and is checked again on download —
 * so a mini-program can hand it to wx.downloadFile without a header.
 */
@Injectable()
export class SurveyExportService {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly campaigns: CampaignsService,
    private readonly auth: AuthService,
    @Inject(FILE_URL_SECRET) private readonly secret: string,
  ) {}

  async link(user: AuthUser, campaignId: string) {
    await this.campaigns.results(user, campaignId); // same permission and "started" checks as the results
    const exp = Math.floor(this.clock.nowMs() / 1000) + EXPORT_URL_TTL_S;
    const sig = this.sign(campaignId, user.id, exp);
    return {
      url: `/api/surveys/exports/${campaignId}?u=${user.id}&exp=${exp}&sig=${sig}`,
      expiresAt: new Date(exp * 1000),
    };
  }

  private sign(campaignId: string, userId: string, exp: number): string {
    return createHmac('sha256', this.secret)
      .update(`survey-export.${campaignId}.${userId}.${exp}`)
      .digest('base64url')
      .slice(0, 32);
  }

  /** Checks the link, re-checks the person's access, builds the workbook and records the export. */
  async download(campaignId: string, userId: string, exp: string, sig: string) {
    const e = Number(exp);
    const expected = Buffer.from(this.sign(campaignId, String(userId ?? ''), e));
    const given = Buffer.from(String(sig ?? ''));
    if (!Number.isInteger(e) || given.length !== expected.length || !timingSafeEqual(given, expected))
      throw new ForbiddenException('下载链接无效');
    if (e < this.clock.nowMs() / 1000) throw new ForbiddenException('下载链接已过期，请重新导出');
    const user = await this.ds.getRepository(User).findOneBy({ id: userId });
    if (!user) throw new NotFoundException('账号不存在');
    const results = await this.campaigns.results(this.auth.toAuthUser(user), campaignId);
    const buffer = await this.workbook(results);
    await this.campaigns.recordExport(campaignId, user.id);
    const date = this.clock.now().toISOString().slice(0, 10).replace(/-/g, '');
    return { buffer, filename: `满意度调查结果-${results.campaign.title}-${date}.xlsx` };
  }

  async workbook(r: Results): Promise<Buffer> {
    const wb = new ExcelJS.Workbook();
    wb.creator = '物业通';
    wb.created = this.clock.now();
    const header = (ws: ExcelJS.Worksheet) => {
      ws.getRow(1).font = { bold: true };
      ws.views = [{ state: 'frozen', ySplit: 1 }];
    };

    const summary = wb.addWorksheet('汇总');
    summary.columns = [
      { header: '项目', key: 'k', width: 22 },
      { header: '数值', key: 'v', width: 40 },
    ];
    const line = (k: string, v: string | number | null, fmt?: string) => {
      const row = summary.addRow({ k, v: v ?? '—' });
      if (fmt && typeof v === 'number') row.getCell('v').numFmt = fmt;
    };
    line('调查名称', r.campaign.title);
    line('问卷', `${r.questionnaire.title}（第 ${r.questionnaire.version} 版）`);
    line('状态', r.campaign.statusLabel);
    line('样本户数', r.sampled);
    line('回收问卷', r.submitted);
    line('有效问卷', r.valid);
    line('无效问卷', r.invalid);
    line('回收率', r.responseRate, PCT);
    line('满意率', r.rate, PCT);
    line('满意度（百分制）', round1(r.score), SCORE);
    line(
      '有效问卷标准',
      `评分题至少回答 ${r.minAnswered}/${r.closedQuestions} 题（${r.campaign.minAnsweredPercent}%）`,
    );
    header(summary);

    const drivers = wb.addWorksheet('驱动因素');
    drivers.columns = [
      { header: '驱动因素', key: 'name', width: 14 },
      { header: '权重', key: 'weight', width: 8 },
      { header: '权重占比', key: 'share', width: 10, style: { numFmt: PCT } },
      { header: '有效份数', key: 'count', width: 10 },
      { header: '满意度', key: 'score', width: 10, style: { numFmt: SCORE } },
      { header: '满意率', key: 'rate', width: 10, style: { numFmt: PCT } },
      { header: '不满意影响', key: 'impact', width: 12, style: { numFmt: '0.00' } },
      { header: '不满意排名', key: 'rank', width: 12 },
    ];
    for (const d of r.drivers) {
      const rank = r.dissatisfactionDrivers.indexOf(d.code);
      drivers.addRow({
        name: d.name,
        weight: d.weight,
        share: d.weightShare,
        count: d.count,
        score: round1(d.score),
        rate: d.rate,
        impact: d.dissatisfactionImpact === null ? null : Math.round(d.dissatisfactionImpact * 100) / 100,
        rank: rank < 0 ? null : rank + 1,
      });
    }
    header(drivers);

    const buildings = wb.addWorksheet('楼栋');
    buildings.columns = [
      { header: '楼栋', key: 'building', width: 10 },
      { header: '样本户数', key: 'sampled', width: 10 },
      { header: '回收', key: 'submitted', width: 8 },
      { header: '有效', key: 'valid', width: 8 },
      { header: '无效', key: 'invalid', width: 8 },
      { header: '回收率', key: 'responseRate', width: 10, style: { numFmt: PCT } },
      { header: '满意度', key: 'score', width: 10, style: { numFmt: SCORE } },
      { header: '满意率', key: 'rate', width: 10, style: { numFmt: PCT } },
    ];
    for (const b of r.buildings) buildings.addRow({ ...b, score: round1(b.score) });
    header(buildings);

    const questions = wb.addWorksheet('题目');
    const maxScale = Math.max(5, ...r.questions.map((x) => x.scale));
    questions.columns = [
      { header: '题目', key: 'text', width: 36 },
      { header: '驱动因素', key: 'driverName', width: 12 },
      { header: '评分', key: 'scale', width: 8 },
      { header: '作答数', key: 'answered', width: 8 },
      { header: '满意度', key: 'score', width: 10, style: { numFmt: SCORE } },
      { header: '满意率', key: 'rate', width: 10, style: { numFmt: PCT } },
      ...Array.from({ length: maxScale }, (_, i) => ({ header: `${i + 1}分`, key: `p${i + 1}`, width: 6 })),
    ];
    for (const x of r.questions)
      questions.addRow({
        text: x.text,
        driverName: x.driverName,
        scale: `${x.scale}级`,
        answered: x.answered,
        score: round1(x.score),
        rate: x.rate,
        ...Object.fromEntries(x.distribution.map((n, i) => [`p${i + 1}`, n])),
      });
    header(questions);

    // Open answers with the building only: no names, no rooms (docs/domain-rules.md "Satisfaction surveys").
    const open = wb.addWorksheet('开放意见');
    open.columns = [
      { header: '题目', key: 'question', width: 30 },
      { header: '楼栋', key: 'building', width: 10 },
      { header: '意见', key: 'text', width: 60 },
    ];
    for (const a of r.openAnswers) open.addRow(a);
    open.getColumn('text').alignment = { wrapText: true, vertical: 'top' };
    header(open);

    return Buffer.from(await wb.xlsx.writeBuffer());
  }
}
