import { ENGINE_ERROR } from './rule-message';
import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Response } from 'express';

const DB_UNAVAILABLE =
  /ECONNREFUSED|ECONNRESET|PROTOCOL_CONNECTION_LOST|ETIMEDOUT|ER_CON_COUNT_ERROR|Pool is closed|SQLITE_BUSY|connect ETIMEDOUT|Connection lost|ER_LOCK_DEADLOCK|ER_LOCK_WAIT_TIMEOUT/i;

const ENGLISH_TO_CHINESE: Record<number, string> = {
  400: '请求有误，请检查后重试',
  401: '请先登录',
  403: '没有权限进行此操作',
  404: '请求的内容不存在',
  413: '上传内容过大（图片不能超过 10 MB）',
  429: '操作太频繁，请稍后再试',
};

/**
 * Every error leaves as {statusCode, message, error} with a message a person can read.
 * Database outages become 503 with Retry-After so clients (and the mini-program) retry instead of giving up.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly log = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      const payload: Record<string, unknown> =
        typeof body === 'string'
          ? { statusCode: status, message: body, error: HttpStatus[status] }
          : { statusCode: status, ...body };
      // Framework messages in English (multer, routing) get a Chinese one a resident can read.
      if (typeof payload.message === 'string' && !/[\u4e00-\u9fa5]/.test(payload.message)) {
        payload.message = ENGLISH_TO_CHINESE[status] ?? payload.message;
      }
      // A JavaScript error's text that reached a message for a person (a check that met input of an unexpected
      // shape) is logged for us and replaced by the plain message of its status.
      const engine = (m: unknown) => typeof m === 'string' && ENGINE_ERROR.test(m);
      if (engine(payload.message) || (Array.isArray(payload.message) && payload.message.some(engine))) {
        this.log.error(`engine error in a ${status} message: ${JSON.stringify(payload.message)}`);
        payload.message = ENGLISH_TO_CHINESE[status] ?? '请求有误，请检查后重试';
      }
      // Every 503 tells the client when to try again (health check, WeChat unreachable …).
      if (status === 503 && !res.getHeader('Retry-After')) res.setHeader('Retry-After', '5');
      res.status(status).json(payload);
      return;
    }
    const e = exception as { message?: string; code?: string };
    const text = `${e?.code ?? ''} ${e?.message ?? ''}`;
    if (DB_UNAVAILABLE.test(text)) {
      this.log.warn(`database unavailable or busy: ${text.trim()}`);
      res.setHeader('Retry-After', '5');
      res
        .status(503)
        .json({ statusCode: 503, message: '服务暂时繁忙，请稍后重试', error: 'Service Unavailable' });
      return;
    }
    this.log.error(exception instanceof Error ? exception.stack : String(exception));
    res
      .status(500)
      .json({ statusCode: 500, message: '服务器开小差了，请稍后再试', error: 'Internal Server Error' });
  }
}
