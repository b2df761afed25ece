import { createHmac, timingSafeEqual } from 'node:crypto';
import {
  BadRequestException,
  ForbiddenException,
  Inject,
  Injectable,
  Logger,
  NotFoundException,
} from '@nestjs/common';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { AuthService } from '../auth/auth.service';
import { AuthUser } from '../common/auth-user';
import { Clock } from '../common/clock';
import { Project, User } from '../org/entities';
import { Storage } from '../storage/storage';
import { FILE_URL_SECRET } from '../storage/uploads.service';
import { ArchiveRequest, ArchiveWriter, isRealDay } from './archive.writer';
import { ArchiveQuery } from './dto';
import { ARCHIVE_PERMISSIONS } from './permissions';
import { allowed } from '../common/permissions';

/** A download link lives this long (weapp downloads and <a href> cannot send the Authorization header). */
const LINK_TTL_S = 10 * 60;

interface TokenBody {
  p: string;
  from: string | null;
  to: string | null;
  u: string;
  e: number;
}

/**
 * The project ticket archive 工单档案 (handbook: complaint records are kept permanently): who may export it,
 * signed links, and streaming the ZIP (ArchiveWriter) to the response.
 */
@Injectable()
export class ArchiveService {
  private readonly log = new Logger('Archive');
  private readonly writer: ArchiveWriter;

  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly auth: AuthService,
    storage: Storage,
    @Inject(FILE_URL_SECRET) private readonly secret: string,
  ) {
    this.writer = new ArchiveWriter(ds, storage);
  }

  /** The request as this user may make it, or 403/404/400 — before anything is streamed. */
  async prepare(user: AuthUser, projectId: string, q: ArchiveQuery): Promise<ArchiveRequest> {
    if (user.kind !== 'staff' || !allowed(ARCHIVE_PERMISSIONS.export, user) || !user.companyId)
      throw new ForbiddenException('只有项目经理和集团总部可以导出工单档案');
    const project = await this.ds.getRepository(Project).findOneBy({ id: projectId });
    if (!project) throw new NotFoundException('没有找到这个项目');
    if (project.companyId !== user.companyId) throw new ForbiddenException('只能导出本公司项目的工单档案');
    if (!allowed(ARCHIVE_PERMISSIONS.anyProjectOfCompany, user) && user.projectId !== project.id)
      throw new ForbiddenException('只能导出本项目的工单档案');
    const from = q.from ?? null;
    const to = q.to ?? null;
    if (from && !isRealDay(from)) throw new BadRequestException(`没有这一天：${from}`);
    if (to && !isRealDay(to)) throw new BadRequestException(`没有这一天：${to}`);
    if (from && to && from > to) throw new BadRequestException('开始日期不能晚于结束日期');
    return {
      project: { id: project.id, companyId: project.companyId, name: project.name, address: project.address },
      from,
      to,
      generatedBy: { id: user.id, name: user.name, role: user.role },
    };
  }

  filename(req: ArchiveRequest): string {
    const range = req.from || req.to ? `-${req.from ?? '开始'}至${req.to ?? '今'}` : '';
    return `${req.project.name}-工单档案${range}.zip`;
  }

  /** Streams the archive to the response; a failure after the first byte cuts the download (never a valid ZIP). */
  async send(req: ArchiveRequest, res: Response): Promise<void> {
    res.setHeader('Content-Type', 'application/zip');
    res.setHeader(
      'Content-Disposition',
      `attachment; filename="ticket-archive.zip"; filename*=UTF-8''${encodeURIComponent(this.filename(req))}`,
    );
    res.setHeader('Cache-Control', 'private, no-store');
    try {
      const summary = await this.writer.write(req, res, this.clock.now());
      this.log.log(
        `archive of ${req.project.name} (${req.project.id}) for ${req.generatedBy?.name ?? 'cli'}: ` +
          `${summary.tickets} tickets, ${summary.files.length} files` +
          (summary.missingAttachments.length
            ? `, ${summary.missingAttachments.length} attachments missing`
            : ''),
      );
    } catch (e) {
      this.log.error(`archive of ${req.project.id} failed: ${(e as Error).message}`);
      res.destroy(e as Error);
    }
  }

  private sign(body: string): string {
    return createHmac('sha256', this.secret).update(`ticket-archive.${body}`).digest('base64url');
  }

  /** A signed link (10 minutes) to the archive, after checking the user may export it. */
  async link(user: AuthUser, projectId: string, q: ArchiveQuery) {
    const req = await this.prepare(user, projectId, q);
    const exp = Math.floor(this.clock.nowMs() / 1000) + LINK_TTL_S;
    const body: TokenBody = { p: projectId, from: req.from, to: req.to, u: user.id, e: exp };
    const payload = Buffer.from(JSON.stringify(body)).toString('base64url');
    return {
      url: `/api/archive/download?token=${payload}.${this.sign(payload)}`,
      expiresAt: new Date(exp * 1000),
      filename: this.filename(req),
    };
  }

  /** The request behind a link, checked again as the user it was made for (who may have lost the right). */
  async fromLink(token: string): Promise<ArchiveRequest> {
    const [payload, sig] = String(token ?? '').split('.');
    const expected = Buffer.from(this.sign(payload ?? ''));
    const given = Buffer.from(sig ?? '');
    if (!payload || given.length !== expected.length || !timingSafeEqual(given, expected))
      throw new ForbiddenException('下载链接无效');
    let body: TokenBody;
    try {
      body = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as TokenBody;
    } catch {
      throw new ForbiddenException('下载链接无效');
    }
    if (!Number.isInteger(body.e) || body.e < this.clock.nowMs() / 1000)
      throw new ForbiddenException('下载链接已过期，请重新导出');
    const row = await this.ds.getRepository(User).findOneBy({ id: String(body.u) });
    if (!row) throw new ForbiddenException('下载链接无效');
    return this.prepare(this.auth.toAuthUser(row), String(body.p), {
      from: body.from ?? undefined,
      to: body.to ?? undefined,
    });
  }
}
