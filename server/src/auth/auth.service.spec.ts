import { UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/config';
import { selectEntities } from '../database/raw';
import { User } from '../org/entities';
import { WechatClient } from '../wechat/wechat.client';
import { AuthService } from './auth.service';

jest.mock('../database/raw', () => ({
  allColumns: () => '*',
  selectEntities: jest.fn(),
}));

const select = selectEntities as jest.MockedFunction<typeof selectEntities>;

describe('AuthService.userFromToken (a token is checked once, until it expires)', () => {
  const jwt = new JwtService({ secret: 'test-secret-0123456789', signOptions: { expiresIn: 60 } });
  const auth = new AuthService(
    {} as AppConfig,
    { manager: {} } as unknown as DataSource,
    jwt,
    {} as WechatClient,
  );
  const user = Object.assign(new User(), {
    id: 'u-1',
    kind: 'resident',
    role: 'resident',
    name: '张三',
    companyId: null,
    projectId: null,
    departmentId: null,
  });
  let now = Date.parse('2026-11-23T02:00:00Z');

  beforeEach(() => {
    select.mockReset();
    select.mockResolvedValue([user]);
    jest.spyOn(Date, 'now').mockImplementation(() => now);
  });
  afterEach(() => jest.restoreAllMocks());

  it('reads the account on every request, the token kept or not', async () => {
    const token = jwt.sign({ sub: 'u-1' });
    await expect(auth.userFromToken(token)).resolves.toMatchObject({ id: 'u-1', name: '张三' });
    await expect(auth.userFromToken(token)).resolves.toMatchObject({ id: 'u-1' });
    expect(select).toHaveBeenCalledTimes(2);
    // An account deleted since the token was checked is refused.
    select.mockResolvedValueOnce([]);
    await expect(auth.userFromToken(token)).rejects.toThrow('账号不存在，请重新登录');
  });

  it('refuses a token once it has expired, though its check was kept', async () => {
    const token = jwt.sign({ sub: 'u-1' });
    await expect(auth.userFromToken(token)).resolves.toMatchObject({ id: 'u-1' });
    now += 59_000;
    await expect(auth.userFromToken(token)).resolves.toMatchObject({ id: 'u-1' });
    now += 2_000;
    await expect(auth.userFromToken(token)).rejects.toThrow(UnauthorizedException);
    await expect(auth.userFromToken(token)).rejects.toThrow('登录已过期，请重新登录');
  });

  it('refuses a token whose signature does not match, even for a kept subject', async () => {
    const token = jwt.sign({ sub: 'u-1' });
    await auth.userFromToken(token);
    const forged = new JwtService({ secret: 'another-secret-0123456789' }).sign({ sub: 'u-1' });
    await expect(auth.userFromToken(forged)).rejects.toThrow('登录已过期，请重新登录');
    const [head, body] = token.split('.');
    await expect(auth.userFromToken(`${head}.${body}.AAAA`)).rejects.toThrow(UnauthorizedException);
  });
});
