import { allColumns, selectEntities } from '../database/raw';
import { randomBytes, randomInt } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  BadRequestException,
  ForbiddenException,
  Inject,
  Injectable,
  NotFoundException,
  ServiceUnavailableException,
  UnauthorizedException,
} from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { ROLE_LABELS, Role } from '@wuye/shared';
import { DataSource, IsNull, MoreThan, Not } from 'typeorm';
import { AuthUser } from '../common/auth-user';
import { APP_CONFIG, AppConfig } from '../config/config';
import { Department, HouseholdBinding, Household, StaffInvite, User } from '../org/entities';
import { WechatClient, WechatError } from '../wechat/wechat.client';
import { AUTH_PERMISSIONS } from './permissions';
import { allowed } from '../common/permissions';

/** The JWT secret: from JWT_SECRET, or (embedded default only) generated once and kept in DATA_DIR. */
export function resolveJwtSecret(config: AppConfig): string {
  if (config.jwtSecret) return config.jwtSecret;
  const file = join(config.dataDir, 'jwt-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(config.dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

/** Verified tokens kept (auth.service.ts `verified`): a few MB at most. */
const VERIFIED_KEPT = 10_000;

@Injectable()
export class AuthService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly ds: DataSource,
    private readonly jwt: JwtService,
    private readonly wechat: WechatClient,
  ) {}

  private issue(user: User) {
    return { token: this.jwt.sign({ sub: user.id }), user: this.toAuthUser(user) };
  }

  toAuthUser(u: User): AuthUser {
    return {
      id: u.id,
      kind: u.kind,
      role: u.role as Role,
      name: u.name,
      companyId: u.companyId,
      projectId: u.projectId,
      departmentId: u.departmentId,
    };
  }

  async userFromToken(token: string): Promise<AuthUser> {
    const sub = this.verified(token);
    // Every signed-in request reads its user: a hand-written statement (database/raw.ts).
    const [user] = await selectEntities(
      this.ds.manager,
      User,
      `SELECT ${allColumns(this.ds.manager, User)} FROM \`users\` WHERE \`id\` = ? LIMIT 1`,
      [sub],
    );
    if (!user) throw new UnauthorizedException('账号不存在，请重新登录');
    return this.toAuthUser(user);
  }

  /**
   * The account a token names, once its signature is checked. A token is sent with every request of a session:
   * its check (HMAC, JSON) is kept until it expires, for the last VERIFIED_KEPT tokens. Only the signature's
   * verdict is kept; the account is read afresh on every request.
   */
  private verified(token: string): string {
    const kept = this.verifiedTokens.get(token);
    if (kept && kept.until > Date.now()) return kept.sub;
    let claims: { sub: string; exp?: number };
    try {
      claims = this.jwt.verify<{ sub: string; exp?: number }>(token);
    } catch {
      this.verifiedTokens.delete(token);
      throw new UnauthorizedException('登录已过期，请重新登录');
    }
    if (claims.exp) {
      // The oldest goes first (a Map keeps insertion order).
      if (this.verifiedTokens.size >= VERIFIED_KEPT)
        this.verifiedTokens.delete(this.verifiedTokens.keys().next().value!);
      this.verifiedTokens.set(token, { sub: claims.sub, until: claims.exp * 1000 });
    }
    return claims.sub;
  }
  private readonly verifiedTokens = new Map<string, { sub: string; until: number }>();

  /** Demo accounts for the development login; 404 when it is disabled. */
  async devAccounts() {
    if (!this.config.devLogin) throw new NotFoundException('开发登录未启用');
    const users = await this.ds
      .getRepository(User)
      .find({ where: { demoKey: Not(IsNull()) }, order: { kind: 'ASC', role: 'ASC', name: 'ASC' } });
    const depts = new Map((await this.ds.getRepository(Department).find()).map((d) => [d.id, d.name]));
    const bindings = await this.ds.getRepository(HouseholdBinding).find({ where: { status: 'approved' } });
    const households = new Map((await this.ds.getRepository(Household).find()).map((h) => [h.id, h.label]));
    return users.map((u) => ({
      id: u.id,
      name: u.name,
      kind: u.kind,
      role: u.role,
      roleLabel: ROLE_LABELS[u.role as Role] ?? u.role,
      departmentName: u.departmentId ? (depts.get(u.departmentId) ?? null) : null,
      householdLabel:
        bindings
          .filter((b) => b.userId === u.id)
          .map((b) => households.get(b.householdId))
          .filter(Boolean)
          .join('、') || null,
    }));
  }

  async devLogin(accountId: string) {
    if (!this.config.devLogin) throw new NotFoundException('开发登录未启用');
    const user = await this.ds.getRepository(User).findOneBy({ id: accountId, demoKey: Not(IsNull()) });
    if (!user) throw new BadRequestException('没有这个演示账号');
    return this.issue(user);
  }

  /** wx.login code → jscode2session → our JWT. A first-time openid becomes a new resident. */
  async wechatLogin(code: string) {
    if (!this.wechat.configured) throw new ServiceUnavailableException('微信登录未配置');
    let session;
    try {
      session = await this.wechat.codeToSession(code);
    } catch (e) {
      if (e instanceof WechatError && e.errcode > 0)
        throw new UnauthorizedException('微信登录凭证无效或已过期，请重试');
      throw new ServiceUnavailableException('暂时无法连接微信，请稍后重试');
    }
    const repo = this.ds.getRepository(User);
    let user = await repo.findOneBy({ openid: session.openid });
    if (!user) {
      user = repo.create({
        kind: 'resident',
        role: 'resident',
        name: '微信用户',
        openid: session.openid,
        companyId: null,
        projectId: null,
        departmentId: null,
        phone: null,
        demoKey: null,
      });
      try {
        await repo.insert(user);
      } catch {
        // Two first logins at once: the other one created the row.
        user = await repo.findOneByOrFail({ openid: session.openid });
      }
    }
    return this.issue(user);
  }

  /**
   * A project manager or lead issues a one-time code for a staff account (valid 7 days); the colleague signs in
   * with WeChat once and redeems it, which links their WeChat account to the staff account.
   */
  async inviteStaff(user: AuthUser, staffUserId: string) {
    if (user.kind !== 'staff' || !allowed(AUTH_PERMISSIONS.inviteStaff, user)) {
      throw new ForbiddenException('只有项目经理、客服主管或集团可以邀请员工');
    }
    const staff = await this.ds.getRepository(User).findOneBy({ id: staffUserId, kind: 'staff' });
    if (
      !staff ||
      staff.companyId !== user.companyId ||
      (!allowed(AUTH_PERMISSIONS.anyProjectOfCompany, user) && staff.projectId !== user.projectId)
    ) {
      throw new NotFoundException('没有找到这位员工');
    }
    const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
    const code = Array.from({ length: 8 }, () => alphabet[randomInt(alphabet.length)]).join('');
    await this.ds.getRepository(StaffInvite).insert({
      code,
      staffUserId,
      createdById: user.id,
      expiresAt: new Date(Date.now() + 7 * 24 * 3600_000),
      usedAt: null,
    });
    return { code, staff: { id: staff.id, name: staff.name } };
  }

  /** Redeems a staff invite: the caller's WeChat openid moves to the staff account; returns the staff login. */
  async claimStaff(user: AuthUser, rawCode: string) {
    const me = await this.ds.getRepository(User).findOneByOrFail({ id: user.id });
    if (me.kind !== 'resident' || !me.openid)
      throw new BadRequestException('请先用微信登录后再输入员工邀请码');
    return this.ds.transaction(async (m) => {
      const code = rawCode.trim().toUpperCase();
      const invite = await m
        .getRepository(StaffInvite)
        .findOneBy({ code, usedAt: IsNull(), expiresAt: MoreThan(new Date()) });
      if (!invite) throw new BadRequestException('邀请码无效或已过期，请联系项目经理重新获取');
      const used = await m
        .getRepository(StaffInvite)
        .update({ id: invite.id, usedAt: IsNull() }, { usedAt: new Date() });
      if (!used.affected) throw new BadRequestException('邀请码已被使用');
      const staff = await m.getRepository(User).findOneByOrFail({ id: invite.staffUserId });
      const openid = me.openid;
      // The WeChat account now belongs to the staff member; the empty resident account keeps no openid.
      await m.getRepository(User).update({ id: me.id }, { openid: null });
      await m.getRepository(User).update({ id: staff.id }, { openid });
      return this.issue({ ...staff, openid });
    });
  }
}
