import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bundledFfmpegPath, ConfigError, configSchema, loadConfig } from '../../src/config';

function configErrorOf(env: NodeJS.ProcessEnv): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('loadConfig accepted the environment');
}

describe('loadConfig', () => {
  it('has working defaults for a fresh machine', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      REDIS_URL: 'redis://127.0.0.1:6379',
      REDIS_PREFIX: 'rounds',
      MEDIA_CONCURRENCY: 1,
      FFPROBE_BIN: 'ffprobe',
      LOG_LEVEL: 'info',
      STORAGE_DRIVER: 'local',
      MEDIA_LOCK_MS: 30_000,
      MEDIA_SHUTDOWN_GRACE_MS: 8000,
      MEDIA_SCRATCH_DIR: path.join(os.tmpdir(), 'rounds-media-worker'),
    });
    expect(config.FFMPEG_BIN).toMatch(/ffmpeg/);
  });

  it('treats an empty variable as unset and reads numbers from strings', () => {
    expect(loadConfig({ REDIS_PREFIX: '', MEDIA_CONCURRENCY: '3', FFMPEG_BIN: '/opt/ffmpeg' })).toMatchObject({
      REDIS_PREFIX: 'rounds',
      MEDIA_CONCURRENCY: 3,
      FFMPEG_BIN: '/opt/ffmpeg',
    });
  });

  it.each([
    ['MEDIA_CONCURRENCY', '0'],
    ['MEDIA_CONCURRENCY', 'two'],
    ['REDIS_PREFIX', 'has space'],
    ['LOG_LEVEL', 'verbose'],
    ['MEDIA_LOCK_MS', '500'],
    ['MEDIA_SHUTDOWN_GRACE_MS', '-1'],
  ])('names %s when it is %j', (variable, value) => {
    const error = configErrorOf({ [variable]: value });
    expect(error.variable).toBe(variable);
    expect(error.message).toContain(variable);
    expect(error.message).toContain(JSON.stringify(value));
  });

  it('names REDIS_URL without echoing it, since it may hold a password', () => {
    const error = configErrorOf({ REDIS_URL: 'not a url s3cret' });
    expect(error.variable).toBe('REDIS_URL');
    expect(error.message).toContain('REDIS_URL');
    expect(error.message).not.toContain('s3cret');
  });

  it('exports the schema whose keys are the variables', () => {
    expect(Object.keys(configSchema.shape).sort()).toEqual(
      [
        'FFMPEG_BIN',
        'FFPROBE_BIN',
        'LOG_LEVEL',
        'MEDIA_CONCURRENCY',
        'MEDIA_LOCK_MS',
        'MEDIA_SCRATCH_DIR',
        'MEDIA_SHUTDOWN_GRACE_MS',
        'REDIS_PREFIX',
        'REDIS_URL',
        'S3_ACCESS_KEY_ID',
        'S3_BUCKET',
        'S3_ENDPOINT',
        'S3_FORCE_PATH_STYLE',
        'S3_REGION',
        'S3_SECRET_ACCESS_KEY',
        'STORAGE_DIR',
        'STORAGE_DRIVER',
      ],
    );
  });
});

describe('bundledFfmpegPath', () => {
  it('is undefined when ffmpeg-static is not installed', () => {
    expect(bundledFfmpegPath(() => { throw new Error("Cannot find module 'ffmpeg-static'"); })).toBeUndefined();
  });

  it('is undefined when the package resolved but its binary was never downloaded', () => {
    expect(bundledFfmpegPath(() => path.join(os.tmpdir(), 'no-such-dir', 'ffmpeg'))).toBeUndefined();
    expect(bundledFfmpegPath(() => null)).toBeUndefined();
  });

  it('is the binary path when the file exists', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mw-ffmpeg-static-'));
    const bin = path.join(dir, 'ffmpeg');
    fs.writeFileSync(bin, '');
    try {
      expect(bundledFfmpegPath(() => bin)).toBe(bin);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
