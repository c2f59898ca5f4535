import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { S3Storage } from '../../src/storage';
import { describeMediaStorage } from '../helpers/media-storage-behaviour';
import { type RunningS3rver, s3rverCredentials, startS3rver } from '../helpers/s3rver';

/** Runs the MediaStorage behaviour against S3Storage talking HTTP to s3rver, a bucket per test. */
let server: RunningS3rver;
let admin: S3Client;
let buckets = 0;

beforeAll(async () => {
  server = await startS3rver('rounds-unused');
  admin = new S3Client({ endpoint: server.endpoint, region: 'us-east-1', forcePathStyle: true, credentials: s3rverCredentials });
}, 30_000);

afterAll(async () => {
  admin?.destroy();
  await server?.stop();
});

function storageFor(bucket: string): S3Storage {
  return new S3Storage({ bucket, region: 'us-east-1', endpoint: server.endpoint, forcePathStyle: true, credentials: s3rverCredentials });
}

describeMediaStorage('S3Storage on s3rver', async () => {
  const bucket = `rounds-test-${++buckets}`;
  await admin.send(new CreateBucketCommand({ Bucket: bucket }));
  // Buckets are left to s3rver's folder, removed with it in afterAll.
  return { storage: storageFor(bucket), close: async () => undefined };
});

describe('S3Storage', () => {
  it('reports a missing bucket as an error, not as a missing key', async () => {
    const storage = storageFor('rounds-no-such-bucket');
    await expect(storage.read('recordings/r1/raw.mkv')).rejects.toMatchObject({ name: 'NoSuchBucket' });
  });
});
