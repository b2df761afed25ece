import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import express from 'express';
import helmet from 'helmet';
import { Logger as PinoNestLogger } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { AppModule } from './app.module';
import { bodyProblem } from './common/body-guard';
import { createAppLogger, prettyLogsWanted } from './common/logging';
import { AppConfig } from './config/config';
import { openDatabase } from './database/data-source';
import { Metrics } from './metrics/metrics';
import { PAY_NOTIFY_PATH } from './payments/notify-path';
import { DemoAccount, seedDemo } from './seed/demo-seed';

export interface BuiltApp {
  app: NestExpressApplication;
  demoAccounts: DemoAccount[] | null;
}

/**
 * Opens and migrates the database, seeds the demo when asked, and wires the HTTP app (not yet listening).
 * Logs are JSON lines through pino (LOG_LEVEL) to stdout or `logStream` (pretty lines on a terminal outside
 * production); `logger: false` turns them off.
 */
export async function buildApp(
  config: AppConfig,
  opts: { logger?: false; logStream?: DestinationStream } = {},
): Promise<BuiltApp> {
  const ds = await openDatabase(config);
  const demoAccounts = config.seedDemo ? await seedDemo(ds) : null;
  const logging = opts.logger !== false;
  const logger = createAppLogger({
    level: logging ? config.logLevel : 'silent',
    stream: opts.logStream,
    pretty: logging && prettyLogsWanted(config.env),
  });
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, ds, logger), {
    logger: logging ? undefined : false,
    bufferLogs: logging,
    bodyParser: false,
  });
  // Every Nest Logger (new Logger('Jobs') …) writes through pino from here on.
  if (logging) {
    app.useLogger(app.get(PinoNestLogger));
    app.flushLogs();
  }
  if (config.trustProxy) app.set('trust proxy', 1);
  // Prometheus: every answer timed under its route pattern (docs/deployment.md "Metrics and alerts").
  const metrics = app.get(Metrics);
  app.use(metrics.timeRequests());
  app.disable('x-powered-by');
  // Security headers on every answer, errors included: nosniff, no framing, no referrer, HSTS behind HTTPS …
  app.use(
    helmet({
      // Pages (the H5 build, Swagger UI) keep the browser's defaults; API answers get a strict policy below.
      contentSecurityPolicy: false,
      // Photos and exports are signed links that an H5 build served from another origin may show.
      crossOriginResourcePolicy: { policy: 'cross-origin' },
    }),
  );
  // GET /metrics: outside /api, bearer-protected with METRICS_TOKEN; after helmet, so it has the security headers.
  app.getHttpAdapter().getInstance().get('/metrics', metrics.endpoint());
  // JSON and files are data, never a page: nothing in them may run or load anything, even if opened directly.
  app.use('/api', (req: express.Request, res: express.Response, next: express.NextFunction) => {
    if (!req.path.startsWith('/docs'))
      res.setHeader('Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'; sandbox");
    next();
  });
  app.use(
    express.json({
      limit: '64kb',
      // WeChat Pay signs the exact bytes it sends: its notifications are verified on the raw body.
      verify: (req, _res, buf) => {
        if (req.url?.startsWith(PAY_NOTIFY_PATH))
          (req as express.Request & { rawBody?: Buffer }).rawBody = buf;
      },
    }),
  );
  // Prototype keys and absurd nesting never reach validation (see body-guard).
  app.use((req: express.Request, res: express.Response, next: express.NextFunction) => {
    const problem = bodyProblem(req.body);
    if (problem) return res.status(400).json({ statusCode: 400, message: problem, error: 'Bad Request' });
    next();
  });
  // Body-parser failures answer here, before routing, in words a person understands.
  app.use(
    (
      err: { type?: string; status?: number },
      _req: express.Request,
      res: express.Response,
      next: express.NextFunction,
    ) => {
      if (err?.type === 'entity.parse.failed')
        return res
          .status(400)
          .json({ statusCode: 400, message: '请求内容不是合法的 JSON', error: 'Bad Request' });
      if (err?.type === 'entity.too.large')
        return res.status(413).json({ statusCode: 413, message: '请求内容过大', error: 'Payload Too Large' });
      if (err?.status && err.status < 500)
        return res
          .status(err.status)
          .json({ statusCode: err.status, message: '请求格式不正确', error: 'Bad Request' });
      next(err);
    },
  );
  app.setGlobalPrefix('api');
  app.enableShutdownHooks();

  const doc = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('物业通 API')
      .setDescription('Resident feedback: tickets, organisation, auth')
      .setVersion('0.1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, doc, { jsonDocumentUrl: 'api/docs/json' });

  // The H5 build of the mini-program at /, so one process shows the whole product.
  if (config.h5Dir && existsSync(join(config.h5Dir, 'index.html'))) {
    app.use(express.static(config.h5Dir, { index: 'index.html', maxAge: '1h' }));
    app.use((req: express.Request, res: express.Response, next: express.NextFunction) => {
      if (req.method === 'GET' && !req.path.startsWith('/api') && req.accepts('html'))
        res.sendFile(join(config.h5Dir!, 'index.html'));
      else next();
    });
  } else if (config.h5Dir) {
    new Logger('H5').warn(`no H5 build at ${config.h5Dir}; run \`pnpm --filter miniapp build:h5\``);
  }
  return { app, demoAccounts };
}
