import path from 'node:path';
import { z } from 'zod';

/**
 * Every setting Atrium reads from the environment, parsed once. A bad value stops the process
 * with a list of every problem, rather than failing later in some request.
 */
const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().default('0.0.0.0'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  PUBLIC_URL: z.url().optional(),
  ATRIUM_DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^(sqlite:|postgres:\/\/|postgresql:\/\/)/, 'must start with sqlite: or postgres://')
    .optional(),
  REDIS_URL: z.string().optional(),
  REDIS_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9:_-]{1,64}$/, 'letters, digits, ":", "_" or "-", at most 64')
    .default('atrium:'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default('Atrium <atrium@localhost>'),
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(5)
    .max(24 * 60)
    .default(30),
  SESSION_ABSOLUTE_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(12),
  TRUST_PROXY: z.enum(['true', 'false']).default('false'),
  PASSWORD_PEPPER: z.string().min(16).optional(),
  PUSH_ALLOW_LOOPBACK: z.enum(['true', 'false']).default('false'),
});

export type Config = {
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  publicUrl: string | undefined;
  dataDir: string;
  databaseUrl: string;
  redisUrl: string | undefined;
  /** Prefix of every key Atrium writes to Redis, so several installs can share one server. */
  redisPrefix: string;
  logLevel: string;
  smtpUrl: string | undefined;
  mailFrom: string;
  sessionIdleMs: number;
  sessionAbsoluteMs: number;
  trustProxy: boolean;
  passwordPepper: string | undefined;
  /**
   * Whether Web Push endpoints on loopback addresses (http or https, any port) are accepted:
   * only for tests and local development against a push service on this machine. Every other
   * private or special address stays refused either way (we POST to the endpoint: SSRF).
   */
  pushAllowLoopback: boolean;
  /** Whether cookies get `Secure` and the `__Host-` prefix: only when served over https. */
  secureCookies: boolean;
};

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Parses the given environment (default: `process.env`) into a Config, or throws ConfigError. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const c = parsed.data;
  const dataDir = path.resolve(c.ATRIUM_DATA_DIR);
  return {
    env: c.NODE_ENV,
    host: c.HOST,
    port: c.PORT,
    publicUrl: c.PUBLIC_URL?.replace(/\/$/, ''),
    dataDir,
    databaseUrl: c.DATABASE_URL ?? `sqlite:${path.join(dataDir, 'atrium.db')}`,
    redisUrl: c.REDIS_URL || undefined,
    redisPrefix: c.REDIS_PREFIX,
    logLevel: c.LOG_LEVEL,
    smtpUrl: c.SMTP_URL || undefined,
    mailFrom: c.MAIL_FROM,
    sessionIdleMs: c.SESSION_IDLE_MINUTES * 60_000,
    sessionAbsoluteMs: c.SESSION_ABSOLUTE_HOURS * 3_600_000,
    trustProxy: c.TRUST_PROXY === 'true',
    passwordPepper: c.PASSWORD_PEPPER,
    pushAllowLoopback: c.PUSH_ALLOW_LOOPBACK === 'true',
    secureCookies: c.PUBLIC_URL?.startsWith('https://') ?? false,
  };
}
