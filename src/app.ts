/**
 * The composition root: builds every adapter, service, job and listener from a Config, and
 * stops them in order. Nothing else wires parts together.
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { CustomRoute } from '@slack/bolt';
import { createCharts, QuickChartRenderer } from './charts';
import { resumeLocalClock, ShiftableClock } from './clock';
import { type Clock } from './ports/clock';
import type { Config } from './config';
import { createInnerSpaceClient, type InnerSpaceClient } from './innerspace';
import { innerspaceOptions } from './innerspace/options';
import type { Logger } from './logging/logger';
import type { LocalConsole, LocalSimulator, LocalTools, LocalWorkspace } from './ports/local-mode';
import { NameDirectory } from './services/names';
import { ReportService } from './services/report';
import { Authorizer } from './services/authz';
import { createDigests, type DigestTickReport, type PacingClock } from './services/digests';
import { createAlerts, type TickReport } from './services/alerts';
import { createCronScheduler } from './scheduling';
import { blockKitRenderer } from './slack/blocks/renderer';
import { webClientGateway } from './slack/chat';
import { createBoltApp } from './slack/bolt-app';
import { createSlackHttpServer, type SlackHttpServer } from './slack/http-server';
import { InFlight, type InFlightOptions } from './slack/inflight';
import { createResponseUrlPoster } from './slack/response-url';
import { RequestGate } from './slack/gate';
import { LISTENERS, registerListeners, type ListenerList } from './slack/listeners';
import { FormViews } from './slack/listeners/form-views';
import { LeaseKeeper } from './services/replicas/leases';
import { Vitals, type Outcome, type VitalsSnapshot } from './services/vitals';
import { openStore } from './storage';
import { type Store } from './ports/store';

export interface StartOptions {
  readonly config: Config;
  readonly logger: Logger;
  /** Tells the logger about secrets learned at run time (InnerSpace sessions). */
  readonly addSecret?: (secret: string) => void;
  readonly clock?: Clock;
  /** Interface to listen on; all interfaces by default. */
  readonly host?: string;
  /** How long a stop waits for answers already under way. */
  readonly drainTimeoutMs?: number;
  /** Test hooks: a known bot identity skips auth.test; a shorter unacked-request timeout. */
  readonly botIdentity?: { botId: string; botUserId: string };
  readonly unhandledRequestTimeoutMillis?: number;
  /** Test hook: how many answers run at once and may wait (src/slack/inflight.ts has the defaults). */
  readonly answerLimits?: InFlightOptions;
  /** Test hook: what per-channel pacing and Retry-After holds measure time with (real elapsed time by default). */
  readonly pacingClock?: PacingClock;
  /**
   * The local dev tools (main.ts loads dev/local.ts lazily): the embedded workspace in local
   * mode, the simulator when no InnerSpace credentials are configured.
   */
  readonly local?: LocalTools;
  /** How long a command's answer may take before a "Looking up…" notice goes first; tests set it to see either path. */
  readonly slowNoticeMs?: number;
}

export interface RunningApp {
  readonly mode: Config['slack']['mode'];
  /** The HTTP port actually bound. */
  readonly port: number;
  readonly url: string;
  readonly innerspace: InnerSpaceClient;
  readonly store: Store;
  readonly clock: Clock;
  /** Local mode only. */
  readonly workspace: LocalWorkspace | null;
  /** When no InnerSpace credentials are configured. */
  readonly simulator: LocalSimulator | null;
  readonly signingSecret: string | null;
  /** Commands, actions, views and events the Bolt app listens to. */
  readonly listeners: ListenerList;
  /** Daily digests: runs the due ones now (local mode's "run due digests now", tests). */
  readonly digests: { runDue(): Promise<DigestTickReport> };
  /**
   * Threshold alerts: one check now, after any under way (local mode's "check alerts now",
   * tests); given a scheduled tick's instant, the check every replica's timer makes for it.
   */
  readonly alerts: { tick(scheduledFor?: string | null): Promise<TickReport> };
  /** This process's name on its claims in the store. */
  readonly replica: string;
  stop(): Promise<void>;
}

export async function startApp(opts: StartOptions): Promise<RunningApp> {
  const { config, logger } = opts;
  const clock = opts.clock ?? new ShiftableClock();
  const cleanups: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const fn of cleanups.reverse()) {
      try {
        await fn();
      } catch (err) {
        logger.warn({ err }, 'error while stopping');
      }
    }
  };

  try {
    const store = await openStore({ url: config.database.url, poolSize: config.database.poolSize, logger, now: () => clock.now() });
    cleanups.push(() => store.close());
    // This process among the replicas of the store: the name on its claims, renewed while it works.
    const leases = new LeaseKeeper(
      { id: config.replica.id ?? `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`, leaseMs: config.replica.leaseMs },
      logger.child({ component: 'leases' }),
    );
    cleanups.push(async () => leases.stop());

    let simulator: LocalSimulator | null = null;
    if (config.innerspace.simulated) {
      if (!opts.local?.startSimulator) throw missingLocalTool('the InnerSpace simulator', 'INNERSPACE_CLIENT_ID and INNERSPACE_CLIENT_SECRET');
      simulator = await opts.local.startSimulator({ now: () => new Date(clock.now()) });
      cleanups.push(() => simulator!.close());
    }
    // What /healthz says of the bot's work beyond the store: last upstream outcomes, last passes.
    const vitals = new Vitals();
    const innerspace = createInnerSpaceClient({ ...innerspaceOptions(config, simulator, logger, clock, opts.addSecret), onOutcome: vitals.innerspaceOutcome });

    let workspace: LocalWorkspace | null = null;
    let saveLocalClock: (() => Promise<void>) | null = null;
    let slack: { botToken: string; signingSecret?: string; appToken?: string; apiUrl?: string };
    if (config.slack.mode === 'local') {
      if (!opts.local?.startWorkspace) throw missingLocalTool('the embedded Slack workspace', 'SLACK_BOT_TOKEN');
      workspace = await opts.local.startWorkspace({ now: () => clock.now() });
      cleanups.push(() => workspace!.close());
      // One clock across restarts: what was done at a moved-on time is stored, so the clock
      // resumes at least as far ahead as it was.
      if (clock instanceof ShiftableClock) saveLocalClock = await resumeLocalClock(store.localClock, workspace.teamId, clock);
      slack = { botToken: workspace.botToken, signingSecret: randomBytes(16).toString('hex'), apiUrl: workspace.apiUrl };
    } else {
      slack = {
        botToken: config.slack.botToken!,
        signingSecret: config.slack.signingSecret,
        appToken: config.slack.appToken,
        apiUrl: config.slack.apiUrl,
      };
    }
    for (const s of [slack.botToken, slack.signingSecret, slack.appToken]) if (s) opts.addSecret?.(s);

    const charts = createCharts(new QuickChartRenderer({ baseUrl: config.quickchartUrl }));
    const inflight = new InFlight(opts.answerLimits);
    const responseUrls = createResponseUrlPoster();
    // Pushed before the drain below, so it runs after it: answers under way post their last.
    cleanups.push(async () => responseUrls.close());
    const reports = new ReportService({
      innerspace,
      charts,
      groupId: config.innerspace.groupId,
      now: () => clock.now(),
    });
    // Local mode: the embedded workspace's admins also administer the bot, so the demo shows
    // what an admin may do without configuring ADMIN_USER_IDS.
    const adminUserIds = [
      ...config.adminUserIds,
      ...(workspace?.adminUserIds ?? []),
    ];

    const startedAt = Date.now();
    // 503 when the store cannot answer: a replica that cannot read or claim anything should
    // be taken out of rotation (and restarted) rather than keep acking commands it cannot serve.
    const health: CustomRoute = {
      path: '/healthz',
      method: ['GET'],
      handler: (_req, res) => {
        void store.health().then((storeHealth) => {
          res.writeHead(storeHealth.ok ? 200 : 503, { 'content-type': 'application/json' });
          res.end(
            JSON.stringify({
              status: inflight.isClosing ? 'stopping' : storeHealth.ok ? 'ok' : 'unavailable',
              mode: config.slack.mode,
              innerspace: simulator ? 'simulator' : 'live',
              store: storeHealth,
              ...vitalsJson(vitals.snapshot()),
              uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
              inflight: inflight.size,
            }),
          );
        });
      },
    };

    const identity =
      opts.botIdentity ?? workspace?.bot;
    const mode = config.slack.mode === 'socket' ? 'socket' : 'http';
    // HTTP mode always has the gate in front of Bolt (it checks every signature first).
    const gate = mode === 'http' && slack.signingSecret ? new RequestGate({ signingSecret: slack.signingSecret, now: () => Date.now() }) : null;
    const bolt = createBoltApp({
      mode,
      botToken: slack.botToken,
      signingSecret: slack.signingSecret,
      appToken: slack.appToken,
      apiUrl: slack.apiUrl,
      logger,
      customRoutes: mode === 'http' ? [health] : undefined,
      botId: identity?.botId,
      botUserId: identity?.botUserId,
      unhandledRequestTimeoutMillis: opts.unhandledRequestTimeoutMillis,
      signaturesCheckedBefore: gate !== null,
    });
    bolt.app.error(async (err: Error) => {
      logger.error({ err }, 'unhandled error in a Slack listener');
    });
    const slackApi = webClientGateway(bolt.app.client, { chartDelivery: config.chartDelivery, charts, logger, onOutcome: vitals.slackOutcome });
    const authorizer = new Authorizer(slackApi, adminUserIds, () => clock.now());
    const digests = createDigests({
      store,
      slack: slackApi,
      innerspace,
      reports,
      groupId: config.innerspace.groupId,
      charts,
      renderer: blockKitRenderer,
      authorizer,
      now: () => clock.now(),
      logger,
      graceMinutes: config.digestGraceMinutes,
      leases,
      ...(opts.pacingClock ? { pacingClock: opts.pacingClock } : {}),
    });
    const alerts = createAlerts({
      store,
      innerspace,
      slack: slackApi,
      authz: authorizer,
      charts,
      renderer: blockKitRenderer,
      groupId: config.innerspace.groupId,
      now: () => clock.now(),
      logger,
      noDataAfterHours: config.alertNoDataAfterHours,
      leases,
      ...(opts.pacingClock ? { pacingClock: opts.pacingClock } : {}),
    });
    const forms = new FormViews(store.formViews, { now: () => clock.now() });
    registerListeners(bolt.app, {
      logger, inflight, reports, names: new NameDirectory(innerspace), digests: digests.service, alerts, chat: slackApi, responseUrls, forms,
      ...(opts.slowNoticeMs !== undefined ? { slowNoticeMs: opts.slowNoticeMs } : {}),
    });
    // auth.test: fails fast with a clear error when the token is wrong or Slack is unreachable.
    await bolt.app.init();

    // Local mode only: the web console answers its own paths on this port before Bolt.
    let boundPort = 0;
    const webConsole: LocalConsole | null =
      workspace?.createConsole && slack.signingSecret
        ? workspace.createConsole({
            host: opts.host,
            port: () => boundPort,
            allowRemote: config.localConsoleRemote,
            signingSecret: slack.signingSecret,
            clock,
            hooks: {
              runDueDigests: () => digests.engine.runDue(),
              checkAlerts: () => alerts.tick(),
              ...(saveLocalClock ? { clockMoved: saveLocalClock } : {}),
            },
            logger,
          })
        : null;
    const http: SlackHttpServer = createSlackHttpServer({
      boltListener:
        bolt.requestListener ??
        ((req, res) => {
          if (req.url === '/healthz') return void health.handler(req as never, res);
          res.writeHead(404).end();
        }),
      logger,
      ...(gate ? { gate } : {}),
      ...(webConsole ? { before: (req, res) => webConsole.handle(req, res) } : {}),
    });
    // Stopping runs cleanups in reverse: the server stops taking requests first, then answers
    // already under way get time to finish before the stores and servers they use close.
    cleanups.push(async () => {
      const left = await inflight.drain(opts.drainTimeoutMs ?? 10_000);
      if (left > 0) logger.warn({ left }, 'stopped with answers still under way');
    });
    const port = await http.listen(config.port, opts.host);
    boundPort = port;
    cleanups.push(() => http.close());
    // Runs before the server closes: open console tabs hold streams that would keep it waiting.
    if (webConsole) cleanups.push(() => webConsole.close());
    if (bolt.socketReceiver) {
      await bolt.app.start();
      cleanups.push(async () => {
        await bolt.app.stop();
      });
    }

    // node-cron only says when to look; the engine reads the store. Pushed last so a stop ends
    // it first: no digest post starts while the rest shuts down.
    const scheduler = createCronScheduler(logger);
    scheduler.every('digests', '* * * * *', async () => {
      await digests.engine.runDue();
      vitals.digestPassDone();
    });
    scheduler.every('alerts', config.alertCheckCron, async (scheduledFor) => {
      await alerts.tick(scheduledFor);
      vitals.alertCheckDone();
    });
    cleanups.push(async () => {
      await digests.engine.stop();
      await alerts.stop();
      await scheduler.stopAll();
    });
    // Catch-up at start: runs missed while the process was down, within the grace window.
    digests.engine.runDue().catch((err: unknown) => logger.error({ err }, 'digest catch-up at start failed'));

    const url = `http://localhost:${port}/`;
    const running: RunningApp = {
      mode: config.slack.mode,
      port,
      url,
      innerspace,
      store,
      clock,
      workspace,
      simulator,
      signingSecret: slack.signingSecret ?? null,
      listeners: LISTENERS,
      digests: { runDue: () => digests.engine.runDue() },
      alerts: { tick: (scheduledFor?: string | null) => alerts.tick(scheduledFor ?? null) },
      replica: leases.replica.id,
      stop: stopAll,
    };
    return running;
  } catch (err) {
    await stopAll();
    throw err;
  }
}

/** main.ts checks first; this is for callers that configure a stand-in without giving one. */
function missingLocalTool(what: string, unset: string): Error {
  return new Error(`${what} is needed (${unset} not set) but startApp was given no local tool for it`);
}

/** The vitals as /healthz shows them: instants as ISO text, null for what has not happened yet. */
function vitalsJson(v: VitalsSnapshot): Record<string, unknown> {
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
  const outcome = (o: Outcome | null) => (o === null ? null : { ok: o.ok, at: iso(o.at), ...(o.error ? { error: o.error } : {}) });
  return {
    lastInnerSpaceCall: outcome(v.innerspace),
    lastSlackCall: outcome(v.slack),
    lastDigestPassAt: iso(v.lastDigestPassAt),
    lastAlertCheckAt: iso(v.lastAlertCheckAt),
  };
}
