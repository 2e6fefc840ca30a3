import fs from 'node:fs';
import type { ConnectionOptions } from 'node:tls';
import { ConfigError } from '../errors';
import type { PostgresTarget } from './url';

/**
 * sslmode as libpq means it, in pg's terms. pg reads sslmode from a URL its own way (today
 * every mode but disable verifies the certificate, with a warning that this will change), so
 * the driver is given these options and never the URL:
 * - disable: plain text.
 * - require: encrypted, the certificate not checked; with sslrootcert, checked as verify-ca.
 * - verify-ca: the certificate must chain to sslrootcert; the host name is not compared.
 * - verify-full: chain (to sslrootcert, or Node's CAs) and host name both checked.
 */
export function sslOptions(target: PostgresTarget): false | ConnectionOptions {
  const ca = target.sslRootCert === undefined ? undefined : readRootCert(target.sslRootCert);
  const skipHostName = { checkServerIdentity: () => undefined };
  switch (target.sslMode) {
    case 'disable':
      return false;
    case 'require':
      return ca === undefined ? { rejectUnauthorized: false } : { ca, ...skipHostName };
    case 'verify-ca':
      return { ...(ca === undefined ? {} : { ca }), ...skipHostName };
    case 'verify-full':
      return ca === undefined ? {} : { ca };
  }
}

function readRootCert(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as { code?: string }).code ?? 'unreadable';
    throw new ConfigError([`DATABASE_URL sslrootcert: cannot read ${file} (${code})`], { cause: err });
  }
}
