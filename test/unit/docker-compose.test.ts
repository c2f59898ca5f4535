import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import type { z } from 'zod';
import { configSchema as serverSchema } from '../../server/src/config';
import { configSchema as mediaWorkerSchema } from '../../media-worker/src/config';

/**
 * docker-compose.yml cannot be run here (no Docker engine), so this reads it as YAML and checks
 * that it agrees with the config schemas the services validate at start.
 */
interface ComposeService {
  environment?: Record<string, string | number | boolean | null> | string[];
  ports?: (string | { target: number; published?: string | number; protocol?: string })[];
  depends_on?: string[] | Record<string, { condition?: string }>;
  volumes?: (string | { source?: string; target: string })[];
  command?: string | string[];
}

const compose = parse(readFileSync(path.join(__dirname, '../../docker-compose.yml'), 'utf8')) as {
  services: Record<string, ComposeService>;
};

/** What `docker compose up` substitutes with no variables set: `${VAR:-default}` becomes default. */
function interpolate(value: string): string {
  return value.replace(/\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(:?-([^}]*))?\}/g, (match, _name, _operator, fallback?: string) =>
    match === '$$' ? '$' : (fallback ?? ''),
  );
}

function environmentOf(service: string): Record<string, string> {
  const env = compose.services[service]?.environment ?? {};
  const entries = Array.isArray(env)
    ? env.map((line) => {
        const at = line.indexOf('=');
        return at === -1 ? [line, ''] : [line.slice(0, at), line.slice(at + 1)];
      })
    : Object.entries(env).map(([key, value]) => [key, value === null ? '' : String(value)]);
  return Object.fromEntries(entries.map(([key, value]) => [key, interpolate(value!)]));
}

function schemaKeys(schema: z.ZodTypeAny): string[] {
  // The server's schema is a ZodEffects (a .refine) around the object; media-worker's is the object.
  const inner = (schema._def as { schema?: z.ZodTypeAny }).schema ?? schema;
  const shape = (inner as z.AnyZodObject).shape as Record<string, unknown> | undefined;
  if (!shape) throw new Error('config schema is not a zod object');
  return Object.keys(shape);
}

function dependencyConditions(service: string): Record<string, string | undefined> {
  const deps = compose.services[service]?.depends_on ?? {};
  if (Array.isArray(deps)) return Object.fromEntries(deps.map((name) => [name, undefined]));
  return Object.fromEntries(Object.entries(deps).map(([name, dep]) => [name, dep?.condition]));
}

interface PortRange {
  hostFrom: number;
  hostTo: number;
  containerFrom: number;
  containerTo: number;
  protocol: string;
}

/** Short syntax only: `[IP:]HOST[-HOST]:CONTAINER[-CONTAINER][/PROTOCOL]`. */
function publishedPorts(service: string): PortRange[] {
  return (compose.services[service]?.ports ?? []).map((entry) => {
    if (typeof entry !== 'string') throw new Error(`use the short port syntax in ${service}: ${JSON.stringify(entry)}`);
    const [mapping, protocol = 'tcp'] = interpolate(entry).split('/');
    const parts = mapping!.split(':');
    const range = (text: string | undefined) => {
      const [from, to = from] = (text ?? '').split('-').map(Number);
      return [from!, to!] as const;
    };
    const [containerFrom, containerTo] = range(parts.at(-1));
    const [hostFrom, hostTo] = parts.length > 1 ? range(parts.at(-2)) : [Number.NaN, Number.NaN];
    return { hostFrom, hostTo, containerFrom, containerTo, protocol: protocol! };
  });
}

function hostOf(url: string | undefined): string {
  return new URL(url ?? 'missing://').hostname;
}

describe('docker-compose.yml', () => {
  it('defines postgres, redis, server and media-worker', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['media-worker', 'postgres', 'redis', 'server']);
  });

  it.each(['server', 'media-worker'])('starts %s only once postgres and redis are healthy', (service) => {
    const conditions = dependencyConditions(service);
    expect(conditions.postgres).toBe('service_healthy');
    expect(conditions.redis).toBe('service_healthy');
  });

  it.each(['postgres', 'redis'])('gives %s a healthcheck (depends_on waits on it)', (service) => {
    const healthcheck = (compose.services[service] as { healthcheck?: { test?: unknown } }).healthcheck;
    expect(healthcheck?.test).toBeTruthy();
  });

  it('sets only variables the server config schema knows, including its connections', () => {
    const keys = Object.keys(environmentOf('server'));
    const known = schemaKeys(serverSchema);
    expect(keys.filter((key) => !known.includes(key))).toEqual([]);
    expect(keys).toEqual(expect.arrayContaining(['DATABASE_URL', 'REDIS_URL']));
  });

  it('gives the server an environment its config schema accepts', () => {
    const result = serverSchema.safeParse(environmentOf('server'));
    expect(result.success ? [] : result.error.issues).toEqual([]);
  });

  it('sets only variables the media-worker config schema knows, including its Redis', () => {
    const keys = Object.keys(environmentOf('media-worker'));
    const known = schemaKeys(mediaWorkerSchema);
    expect(keys.filter((key) => !known.includes(key))).toEqual([]);
    expect(keys).toContain('REDIS_URL');
  });

  it('gives media-worker an environment its config schema accepts', () => {
    const result = mediaWorkerSchema.safeParse(environmentOf('media-worker'));
    expect(result.success ? [] : result.error.issues).toEqual([]);
  });

  it('publishes the RTC port range the server listens on, for UDP and TCP, at the same numbers', () => {
    const env = environmentOf('server');
    const min = Number(env.RTC_MIN_PORT);
    const max = Number(env.RTC_MAX_PORT);
    expect(min).toBeLessThan(max);
    const ranges = publishedPorts('server').filter((port) => port.containerTo > port.containerFrom);
    // mediasoup announces the port it bound, so host and container numbers must be identical.
    const expected = { hostFrom: min, hostTo: max, containerFrom: min, containerTo: max };
    expect(ranges).toEqual(
      expect.arrayContaining([
        { ...expected, protocol: 'udp' },
        { ...expected, protocol: 'tcp' },
      ]),
    );
    expect(ranges).toHaveLength(2);
  });

  it('publishes the HTTP port the server listens on', () => {
    const port = Number(environmentOf('server').PORT ?? 3000);
    expect(publishedPorts('server')).toContainEqual({
      hostFrom: port,
      hostTo: port,
      containerFrom: port,
      containerTo: port,
      protocol: 'tcp',
    });
  });

  it('points DATABASE_URL at the postgres service and REDIS_URL at the redis service', () => {
    const server = environmentOf('server');
    expect(hostOf(server.DATABASE_URL)).toBe('postgres');
    expect(new URL(server.DATABASE_URL!).protocol).toMatch(/^postgres(ql)?:$/);
    expect(hostOf(server.REDIS_URL)).toBe('redis');
    expect(hostOf(environmentOf('media-worker').REDIS_URL)).toBe('redis');
  });

  it('uses the same Redis prefix in server and media-worker (BullMQ queues are found by it)', () => {
    expect(environmentOf('media-worker').REDIS_PREFIX).toBe(environmentOf('server').REDIS_PREFIX);
  });

  it('mounts the shared media volume at the same path in server and media-worker', () => {
    const mediaMount = (service: string) =>
      (compose.services[service]?.volumes ?? [])
        .map((volume) => (typeof volume === 'string' ? volume.split(':') : [volume.source, volume.target]))
        .find(([, target]) => target === '/data');
    expect(mediaMount('server')).toBeDefined();
    expect(mediaMount('media-worker')).toEqual(mediaMount('server'));
    expect(environmentOf('server').DATA_DIR).toBe('/data');
  });
});
