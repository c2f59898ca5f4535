import path from 'node:path';
import { z } from 'zod';
import { ConfigError, readEnv } from '../../src/env-config';
import { createStorage, LocalStorage, requireStorageSettings, S3Storage, storageConfigShape, storageSecretKeys } from '../../src/storage';

/** What server and media-worker do with the shape: spread it, read the environment, then check the driver's needs. */
const schema = z.object({ ...storageConfigShape });

function load(env: Record<string, string | undefined>) {
  const config = readEnv(schema, Object.keys(storageConfigShape), env, [...storageSecretKeys]);
  requireStorageSettings(config);
  return config;
}

function configErrorOf(env: Record<string, string | undefined>): ConfigError {
  try {
    load(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error(`accepted ${JSON.stringify(env)}`);
}

const s3Env = { STORAGE_DRIVER: 's3', S3_BUCKET: 'rounds-media', S3_ACCESS_KEY_ID: 'AKIAEXAMPLE', S3_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI' };

describe('storage settings', () => {
  it('default to a local folder chosen by the caller', () => {
    expect(load({})).toEqual({ STORAGE_DRIVER: 'local', S3_REGION: 'us-east-1', S3_FORCE_PATH_STYLE: true });
  });

  it('count empty values as unset, in the schema itself as docker-compose gives them', () => {
    const composeLike = { STORAGE_DRIVER: '', STORAGE_DIR: '', S3_ENDPOINT: '', S3_REGION: '', S3_BUCKET: '', S3_ACCESS_KEY_ID: '', S3_SECRET_ACCESS_KEY: '', S3_FORCE_PATH_STYLE: '' };
    expect(schema.parse(composeLike)).toEqual(load({}));
  });

  it('read every S3 setting', () => {
    expect(load({ ...s3Env, S3_ENDPOINT: 'http://minio:9000', S3_REGION: 'eu-west-3', S3_FORCE_PATH_STYLE: 'false' })).toEqual({
      ...s3Env,
      S3_ENDPOINT: 'http://minio:9000',
      S3_REGION: 'eu-west-3',
      S3_FORCE_PATH_STYLE: false,
    });
  });

  it.each(['S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'])('name %s when the s3 driver lacks it', (variable) => {
    const error = configErrorOf({ ...s3Env, [variable]: '' });
    expect(error.variable).toBe(variable);
    expect(error.message).toBe(`Invalid configuration: ${variable} is required when STORAGE_DRIVER is s3`);
  });

  it('need no S3 setting for the local driver', () => {
    expect(load({ STORAGE_DRIVER: 'local', STORAGE_DIR: '/srv/rounds' }).STORAGE_DIR).toBe('/srv/rounds');
  });

  it.each([
    ['STORAGE_DRIVER', 'ftp'],
    ['S3_FORCE_PATH_STYLE', 'yes'],
    ['S3_BUCKET', 'ab'],
  ])('name %s when it is %j, echoing the value', (variable, value) => {
    const error = configErrorOf({ ...s3Env, [variable]: value });
    expect(error.variable).toBe(variable);
    expect(error.message).toContain(JSON.stringify(value));
  });

  it('never echo the endpoint (a URL may hold credentials)', () => {
    const error = configErrorOf({ ...s3Env, S3_ENDPOINT: 'not a url, user:s3cret' });
    expect(error.variable).toBe('S3_ENDPOINT');
    expect(error.message).not.toContain('s3cret');
  });

  it('list the keys and endpoint as values a ConfigError must not echo', () => {
    expect([...storageSecretKeys].sort()).toEqual(['S3_ACCESS_KEY_ID', 'S3_ENDPOINT', 'S3_SECRET_ACCESS_KEY']);
  });
});

describe('createStorage', () => {
  it('uses the default folder of the caller when STORAGE_DIR is unset', () => {
    const storage = createStorage(load({}), 'var/storage');
    expect(storage).toBeInstanceOf(LocalStorage);
    expect(storage).toHaveProperty('root', path.resolve('var/storage'));
  });

  it('uses STORAGE_DIR when set', () => {
    const storage = createStorage(load({ STORAGE_DIR: '/srv/rounds' }), 'var/storage');
    expect(storage).toBeInstanceOf(LocalStorage);
    expect(storage).toHaveProperty('root', '/srv/rounds');
  });

  it('uses the bucket when the driver is s3', () => {
    const storage = createStorage(load(s3Env), 'var/storage');
    expect(storage).toBeInstanceOf(S3Storage);
    expect(storage).toHaveProperty('bucket', 'rounds-media');
  });

  it('refuses an s3 configuration without its bucket, naming it', () => {
    const config = { ...load({}), STORAGE_DRIVER: 's3' as const };
    expect(() => createStorage(config, 'var/storage')).toThrow(new ConfigError('S3_BUCKET', 'is required when STORAGE_DRIVER is s3'));
  });
});
