import { NETWORK_MESSAGE } from '../services/errors';
import { failureReason, footerText, retryLine } from './loadState';

describe('load states', () => {
  it('a dropped connection reads 网络不佳, a server failure its own words without "try again"', () => {
    expect(failureReason(NETWORK_MESSAGE)).toBe('网络不佳');
    expect(failureReason('服务暂时不可用，请稍后再试')).toBe('服务暂时不可用');
    expect(failureReason('出了点问题，请重试')).toBe('出了点问题');
    expect(failureReason('操作冲突，请刷新后重试')).toBe('操作冲突');
    expect(failureReason('内容不存在或已被删除')).toBe('内容不存在或已被删除');
    expect(failureReason('请求失败（500）')).toBe('请求失败（500）');
  });

  it('a failure inside a section is one line to tap', () => {
    expect(retryLine(NETWORK_MESSAGE)).toBe('网络不佳，点此重试');
    expect(retryLine(NETWORK_MESSAGE, { what: '房屋列表' })).toBe('网络不佳，点此重试');
    expect(retryLine('服务暂时不可用，请稍后再试', { what: '房屋列表' })).toBe('房屋列表加载失败，点此重试');
    expect(retryLine('服务暂时不可用，请稍后再试')).toBe('服务暂时不可用，点此重试');
    expect(retryLine('收费信息暂时无法加载', { retry: false })).toBe('收费信息暂时无法加载');
  });

  it('the foot of a paged list', () => {
    expect(footerText(true, true)).toBe('加载中…');
    expect(footerText(false, true)).toBe('加载更多');
    expect(footerText(false, false)).toBe('没有更多了');
  });
});
