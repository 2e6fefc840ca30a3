/**
 * What /healthz tells about the bot's work besides its store: how the last call to each
 * upstream went, and when the digest pass and the alert check last ran. In memory, per
 * process: each replica reports its own.
 */
export interface Outcome {
  readonly ok: boolean;
  /** Epoch ms. */
  readonly at: number;
  /** The error code (an AppError code, or Slack's error string) when not ok. */
  readonly error?: string;
}

export interface VitalsSnapshot {
  readonly innerspace: Outcome | null;
  readonly slack: Outcome | null;
  /** Epoch ms of the end of the last digest pass and alert check. */
  readonly lastDigestPassAt: number | null;
  readonly lastAlertCheckAt: number | null;
}

export class Vitals {
  private innerspace: Outcome | null = null;
  private slack: Outcome | null = null;
  private digestPass: number | null = null;
  private alertCheck: number | null = null;

  constructor(private readonly now: () => number = Date.now) {}

  readonly innerspaceOutcome = (ok: boolean, error?: string): void => {
    this.innerspace = this.outcome(ok, error);
  };

  readonly slackOutcome = (ok: boolean, error?: string): void => {
    this.slack = this.outcome(ok, error);
  };

  digestPassDone(): void {
    this.digestPass = this.now();
  }

  alertCheckDone(): void {
    this.alertCheck = this.now();
  }

  snapshot(): VitalsSnapshot {
    return { innerspace: this.innerspace, slack: this.slack, lastDigestPassAt: this.digestPass, lastAlertCheckAt: this.alertCheck };
  }

  private outcome(ok: boolean, error?: string): Outcome {
    return { ok, at: this.now(), ...(ok || error === undefined ? {} : { error }) };
  }
}
