import { ApiError, errorMessage, isNetworkError, messageFromBody, NETWORK_MESSAGE } from './errors';

describe('error messages', () => {
  it("uses the server's Chinese message", () => {
    expect(messageFromBody(400, { statusCode: 400, message: '内容至少 5 个字' })).toBe('内容至少 5 个字');
  });

  it('joins a list of validation messages', () => {
    expect(messageFromBody(400, { message: ['请选择类型', '内容太短'] })).toBe('请选择类型；内容太短');
  });

  it('falls back to a Chinese sentence per status when the server sent none or English', () => {
    expect(messageFromBody(403, { message: 'Forbidden resource' })).toBe('没有权限进行此操作');
    expect(messageFromBody(502, '<html>bad gateway</html>')).toBe('服务暂时不可用，请稍后再试');
    expect(messageFromBody(418, null)).toBe('请求失败（418）');
  });

  it('treats a request without an HTTP answer as a network failure', () => {
    const e = new ApiError(NETWORK_MESSAGE, 0, true);
    expect(isNetworkError(e)).toBe(true);
    expect(errorMessage(e)).toBe('网络不佳，请重试');
    expect(isNetworkError(new ApiError('没有权限进行此操作', 403))).toBe(false);
    expect(errorMessage({ errMsg: 'request:fail' })).toBe('网络不佳，请重试');
  });
});
