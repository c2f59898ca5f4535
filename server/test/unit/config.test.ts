import os from 'node:os';
import { ConfigError, loadConfig, redactUrl } from '../../src/config';

/** Runs loadConfig and returns the ConfigError it throws (failing the test when it does not throw one). */
function configError(env: NodeJS.ProcessEnv): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(env)}`);
}

describe('loadConfig', () => {
  test('an empty environment gives the documented defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      HOST: '0.0.0.0',
      PORT: 3000,
      LOG_LEVEL: 'info',
      DATABASE_SCHEMA: 'public',
      DATA_DIR: './var',
      REDIS_URL: 'redis://127.0.0.1:6379',
      REDIS_PREFIX: 'rounds',
      MEDIASOUP_WORKERS: os.availableParallelism(),
      RTC_MIN_PORT: 40000,
      RTC_MAX_PORT: 49999,
      RTC_ANNOUNCED_IP: '127.0.0.1',
      RTC_LISTEN_IP: '127.0.0.1',
      SEED_DEMO: false,
    });
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.PUBLIC_URL).toBeUndefined();
    expect(config.CLIENT_DIST).toMatch(/client[/\\]dist$/);
  });

  test('empty strings count as unset, and numbers and flags are converted', () => {
    const config = loadConfig({ PORT: '8080', LOG_LEVEL: '', MEDIASOUP_WORKERS: '2', SEED_DEMO: 'true', RTC_MIN_PORT: '' });
    expect(config).toMatchObject({ PORT: 8080, LOG_LEVEL: 'info', MEDIASOUP_WORKERS: 2, SEED_DEMO: true, RTC_MIN_PORT: 40000 });
  });

  test('media ports bind to the loopback address while it is the one announced, else to every address', () => {
    expect(loadConfig({ RTC_ANNOUNCED_IP: '127.0.0.1' }).RTC_LISTEN_IP).toBe('127.0.0.1');
    expect(loadConfig({ RTC_ANNOUNCED_IP: '203.0.113.7' }).RTC_LISTEN_IP).toBe('0.0.0.0');
    expect(loadConfig({ RTC_ANNOUNCED_IP: '203.0.113.7', RTC_LISTEN_IP: '10.0.0.5' }).RTC_LISTEN_IP).toBe('10.0.0.5');
    expect(loadConfig({ RTC_LISTEN_IP: '0.0.0.0' }).RTC_LISTEN_IP).toBe('0.0.0.0');
  });

  test('variables it does not know are ignored', () => {
    expect(() => loadConfig({ PATH: '/usr/bin', SOMETHING_ELSE: 'x' })).not.toThrow();
  });

  test.each([
    ['PORT', { PORT: 'abc' }],
    ['PORT', { PORT: '70000' }],
    ['RTC_MIN_PORT', { RTC_MIN_PORT: '50000', RTC_MAX_PORT: '50000' }],
    ['RTC_MIN_PORT', { RTC_MIN_PORT: '50001', RTC_MAX_PORT: '50000' }],
    ['REDIS_URL', { REDIS_URL: 'not-a-url' }],
    ['LOG_LEVEL', { LOG_LEVEL: 'loud' }],
    ['MEDIASOUP_WORKERS', { MEDIASOUP_WORKERS: '0' }],
    ['DATABASE_SCHEMA', { DATABASE_SCHEMA: 'Robert"; drop table users' }],
  ])('a bad %s throws a ConfigError naming it (%j)', (variable, env) => {
    const error = configError(env);
    expect(error.variable).toBe(variable);
    expect(error.message).toMatch(new RegExp(`^Invalid configuration: ${variable}\\b`));
  });

  test('a bad value other than a URL is quoted back, so the operator sees what was read', () => {
    expect(configError({ LOG_LEVEL: 'loud' }).message).toContain('"loud"');
  });

  test('a bad DATABASE_URL is named but not echoed, since it may hold a password', () => {
    const url = 'postgres//root:hunter2-secret@db:5432/rounds';
    const error = configError({ DATABASE_URL: url });
    expect(error.variable).toBe('DATABASE_URL');
    expect(error.message).toContain('DATABASE_URL');
    expect(error.message).not.toContain('hunter2-secret');
    expect(error.message).not.toContain(url);
  });

  test('a bad REDIS_URL is not echoed either', () => {
    const error = configError({ REDIS_URL: 'redis//:hunter2-secret@cache' });
    expect(error.message).not.toContain('hunter2-secret');
  });
});

describe('redactUrl', () => {
  test('masks the password and keeps the rest', () => {
    const redacted = redactUrl('postgresql://rounds:s3cret-pw@db.internal:5432/rounds?sslmode=require');
    expect(redacted).toBe('postgresql://rounds:***@db.internal:5432/rounds?sslmode=require');
    expect(redacted).not.toContain('s3cret-pw');
  });

  test('masks a password given without a user name', () => {
    expect(redactUrl('redis://:s3cret-pw@cache:6379')).toBe('redis://:***@cache:6379');
  });

  test('leaves a URL without a password unchanged', () => {
    expect(redactUrl('redis://127.0.0.1:6379')).toBe('redis://127.0.0.1:6379');
  });

  test('never returns an unparseable string as it was given', () => {
    expect(redactUrl('not a url with s3cret-pw')).toBe('[unparseable]');
    expect(redactUrl(undefined)).toBeUndefined();
  });
});
