import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { constants as zlib } from 'node:zlib';
import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { LogController, type FastifyServerOptions } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { APP_VERSION } from '../shared/version';
import { problem } from '../shared/problems/problem';
import type { Db } from './db/database';
import type { App, Deps } from './http/deps';
import { BodyBudget, registerBodyBudget } from './http/body-budget';
import { clientErrorHandler } from './http/client-error';
import { frameworkErrorHandler, problemError, registerErrorHandling, sendProblem } from './http/errors';
import { registerOriginCheck } from './http/origin-check';
import { registerDiskGuard } from './http/disk-guard';
import { registerNulGuard } from './http/nul-guard';
import { databaseRateLimitStore } from './http/rate-limit-store';
import { isPostgres } from './db/dialect';
import { registerRequestLog } from './http/request-log';
import { registerSession } from './http/session';
import { SERVER_TIMEOUTS, timeoutOptions, type ServerTimeouts } from './http/timeouts';
import { adminRoutes } from './routes/admin';
import { appraisalRoutes } from './routes/appraisal';
import { councilRoutes } from './routes/council';
import { resultsRoutes } from './routes/results';
import { authRoutes } from './routes/auth';
import { evidenceRoutes } from './routes/evidence';
import { exportRoutes } from './routes/exports';
import { healthRoutes } from './routes/health';
import { importRoutes } from './routes/import';
import { progressRoutes } from './routes/progress';
import { responseRoutes } from './routes/responses';
import { reviewRoutes } from './routes/review';
import { selfAssessmentRoutes } from './routes/self-assessment';
import { syncRoutes } from './routes/sync';
import { respondentRoutes } from './routes/respondent';
import { selfFillRoutes } from './routes/self-fill';
import { systemRoutes } from './routes/system';
import type { CampaignRegistry } from './services/campaign-registry';
import type { AfterCommit } from './services/sync';
import type { ResponseChecker } from './services/response-check';
import { ExportWorkerPool } from './services/export/export-workers';
import { inProcessChecker, ValidationPool } from './services/validation-pool';
import { DiskSpace } from './services/disk-space';
import { WriteQueue } from './services/write-queue';

export interface AppOptions {
  db: Db;
  /** PostgreSQL's URL when `db` is PostgreSQL: the export workers connect to it (issue 18). */
  databaseUrl?: string;
  registry: CampaignRegistry;
  now?: () => Date;
  /** The built PWA (vite build output); served with an SPA fallback when present. */
  clientDir?: string;
  /** Secure cookies: on behind HTTPS (direct or via a reverse proxy). */
  secureCookies?: boolean;
  /** Extra origins allowed to make state-changing requests (the server's own origin always is). */
  allowedOrigins?: string[];
  /** Trust X-Forwarded-* from a reverse proxy in front (for the client address and https). */
  trustProxy?: boolean;
  logger?: FastifyServerOptions['logger'];
  https?: { cert: Buffer; key: Buffer };
  /** Test seam: runs after a sync batch commits, before its answer is sent. */
  afterCommit?: AfterCommit;
  /**
   * Worker threads that check pushed responses off the request thread (validation-pool.ts); 0 (the default)
   * checks in the request thread. The workers load TypeScript through the parent's flags (`tsx`) unless given others.
   */
  validationWorkers?: number;
  validationWorkerExecArgv?: string[];
  /**
   * Worker threads for CSV downloads and survey scores (export-workers.ts), started with the app; 0 (the default):
   * in the request thread.
   */
  exportWorkers?: number;
  exportWorkerExecArgv?: string[];
  /** Evidence files of self-assessments, under their content hash; outside the web root. main.ts puts it in the
   * data folder; without it (tools, benchmarks) a folder in the system's temp directory is used. */
  evidenceDir?: string;
  /** The largest evidence file accepted (bytes); 20 MiB by default. */
  evidenceMaxBytes?: number;
  /** Bytes of request bodies read and held at once, over all requests (http/body-budget.ts); BODY_BUDGET by default. */
  bodyBudgetBytes?: number;
  /** How long the server waits on clients (http/timeouts.ts); tests shorten them. */
  timeouts?: Partial<ServerTimeouts>;
  /** Free space of the data folder's disk: writes are refused with 507 below `minFreeBytes` (http/disk-guard.ts). */
  disk?: DiskSpace;
}

/** The body limit of routes that set none. */
const BODY_LIMIT = 256 * 1024;
/**
 * One device-file import at its 64 MiB limit plus eight sync pushes at their 4 MiB limit (the devices the ingest
 * benchmark pushes at once) are read side by side; more waits. Each byte is held about twice (bytes, then text) and
 * the allocator keeps its peak, so the body memory the server can be made to take stays near 200 MB.
 */
export const BODY_BUDGET = 96 * 1024 * 1024;

const checkers = new WeakMap<App, ResponseChecker>();

const exportPools = new WeakMap<App, ExportWorkerPool>();
const bodyBudgets = new WeakMap<App, BodyBudget>();
/** Test seam: the app's body budget (how much is granted, its peak, who waits). */
export const appBodyBudget = (app: App): BodyBudget | undefined => bodyBudgets.get(app);
/** Seam for tests and benchmarks: the app's export workers, if it has any. */
export const appExportWorkers = (app: App): ExportWorkerPool | undefined => exportPools.get(app);

/** Test seam: how an app checks pushed responses (a test kills a validation worker through it). */
export const appChecker = (app: App): ResponseChecker | undefined => checkers.get(app);

/** Builds the collection server without listening: tests drive it in process with inject(). */
/** The respondent's page in the client build (vite.config.ts writes it there). */
const RESPONDENT_PAGE = 'respond.html';

export async function buildApp(opts: AppOptions): Promise<App> {
  const evidenceDir = opts.evidenceDir ?? path.join(tmpdir(), `phieu-evidence-${process.pid}`);
  const serverOpts: FastifyServerOptions = {
    logger: opts.logger ?? false,
    trustProxy: opts.trustProxy ?? false,
    bodyLimit: BODY_LIMIT,
    // One line per request instead of Fastify's two, without personal data (http/request-log.ts).
    logController: new LogController({ disableRequestLogging: true }),
    clientErrorHandler,
    frameworkErrors: frameworkErrorHandler as FastifyServerOptions['frameworkErrors'],
  };
  // An HTTPS listener when a certificate is configured: service workers need HTTPS away from localhost.
  const timeouts = timeoutOptions({ ...SERVER_TIMEOUTS, ...opts.timeouts }, opts.https);
  const app = Fastify({ ...serverOpts, ...timeouts }).withTypeProvider<ZodTypeProvider>() as unknown as App;
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandling(app);
  registerRequestLog(app);
  const disk = opts.disk ?? new DiskSpace(path.dirname(evidenceDir), 0);
  registerDiskGuard(app, disk);
  registerNulGuard(app);
  const bodyBudget = new BodyBudget(opts.bodyBudgetBytes ?? BODY_BUDGET);
  registerBodyBudget(app, bodyBudget, BODY_LIMIT);
  bodyBudgets.set(app, bodyBudget);
  // Graceful close: a request still running when close starts (a push waiting for its commit) is answered, and its
  // keep-alive connection must then end, or the server would wait for the client's idle timeout before closing.
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onSend', async (_req, reply) => {
    if (closing) reply.header('connection', 'close');
  });

  const workerFailed = (err: Error) => app.log.error({ err }, 'worker thread failed');
  const checker =
    (opts.validationWorkers ?? 0) > 0
      ? new ValidationPool(opts.registry, opts.validationWorkers ?? 0, { execArgv: opts.validationWorkerExecArgv, onError: workerFailed })
      : inProcessChecker(opts.registry);
  app.addHook('onClose', () => checker.close());
  checkers.set(app, checker);
  const exportWorkers =
    (opts.exportWorkers ?? 0) > 0
      ? new ExportWorkerPool(opts.exportWorkers ?? 0, opts.exportWorkerExecArgv, { onError: workerFailed })
      : undefined;
  if (exportWorkers) {
    app.addHook('onClose', () => exportWorkers.close());
    exportPools.set(app, exportWorkers);
  }
  const deps: Deps = {
    db: opts.db,
    databaseUrl: opts.databaseUrl,
    writes: new WriteQueue(opts.db),
    registry: opts.registry,
    checker,
    now: opts.now ?? (() => new Date()),
    secureCookies: opts.secureCookies ?? false,
    afterCommit: opts.afterCommit,
    evidenceDir,
    evidenceMaxBytes: opts.evidenceMaxBytes ?? 20 * 1024 * 1024,
    exportWorkers,
    disk,
    publicOrigin: opts.allowedOrigins?.[0],
  };

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        workerSrc: ["'self'"],
        manifestSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    // HSTS only makes sense over HTTPS; a reverse proxy in front usually sets it.
    strictTransportSecurity: opts.secureCookies ? undefined : false,
  });
  // API answers compressed when the client takes it (the pull is ~30 KB of JSON on a slow network, issue #14). Before
  // the static files, which come compressed already (build time) and are left alone. Fast Brotli: the answer is made
  // per request. Request bodies are never inflated: a sync batch's size limit must hold for the bytes received.
  await app.register(compress, {
    encodings: ['br', 'gzip'],
    threshold: 1024,
    brotliOptions: { params: { [zlib.BROTLI_PARAM_QUALITY]: 5 } },
    zlibOptions: { level: 6 },
    globalDecompression: false,
  });
  await app.register(cookie);
  await app.register(rateLimit, {
    global: false,
    // Several instances on one PostgreSQL count in the database; SQLite's single process counts in memory.
    store: isPostgres(opts.db) ? databaseRateLimitStore(opts.db) : undefined,
    errorResponseBuilder: (_req, ctx) => problemError(problem('request.rate-limited', { minutes: Math.ceil(ctx.ttl / 60_000) })),
  });
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Phiếu API',
        version: APP_VERSION,
        description:
          'Collection server of Phiếu: sync, progress, responses. Errors are { error, message, issues? }, the messages in the language Accept-Language asks for (Vietnamese by default, or English).',
      },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'phieu_session' } } },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  registerOriginCheck(app, opts.allowedOrigins ?? []);
  registerSession(app, deps.db, deps.now);

  healthRoutes(app, deps, { validationWorkers: opts.validationWorkers ?? 0, exportWorkers: opts.exportWorkers ?? 0 });
  authRoutes(app, deps);
  syncRoutes(app, deps);
  progressRoutes(app, deps);
  responseRoutes(app, deps);
  importRoutes(app, deps);
  reviewRoutes(app, deps);
  exportRoutes(app, deps);
  adminRoutes(app, deps);
  evidenceRoutes(app, deps);
  selfAssessmentRoutes(app, deps);
  councilRoutes(app, deps);
  appraisalRoutes(app, deps);
  resultsRoutes(app, deps);
  systemRoutes(app, deps);
  selfFillRoutes(app, deps);
  respondentRoutes(app, deps);

  const clientDir = opts.clientDir && existsSync(path.join(opts.clientDir, 'index.html')) ? opts.clientDir : undefined;
  if (clientDir) {
    await app.register(fastifyStatic, {
      root: clientDir,
      wildcard: false,
      // The build writes .br and .gz copies (vite.config.ts): the one the request accepts is sent, with Vary:
      // Accept-Encoding, the original otherwise. The copies are no routes of their own.
      preCompressed: true,
      globIgnore: ['**/*.br', '**/*.gz'],
      setHeaders: (res, file) => {
        // The service worker and the shell must revalidate so an update is seen; hashed assets are immutable.
        if (/[/\\]assets[/\\]/.test(file)) res.header('cache-control', 'public, max-age=31536000, immutable');
        else res.header('cache-control', 'no-cache');
      },
    });
  }
  app.setNotFoundHandler((req, reply) => {
    // A client route gets the app shell; sendFile negotiates its compressed copy like the static routes. A missing
    // /assets/ file (a chunk of an older build) does not: HTML under a script's name would fail to run, and the
    // service worker would cache it as that immutable file.
    if (clientDir && (req.method === 'GET' || req.method === 'HEAD') && !req.url.startsWith('/api/') && !req.url.startsWith('/assets/')) {
      // A respondent's link (issue 19) gets the respondent's own page: none of the surveyor's or the office's code.
      const page = /^\/p(?:[/?]|$)/.test(req.url) && existsSync(path.join(clientDir, RESPONDENT_PAGE)) ? RESPONDENT_PAGE : 'index.html';
      return reply.header('cache-control', 'no-cache').sendFile(page);
    }
    return sendProblem(req, reply, problem('request.no-route', { method: req.method, path: req.url.split('?')[0] ?? '' }));
  });
  return app;
}
