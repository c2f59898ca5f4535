// Runs s3rver (an S3-compatible HTTP server backed by a folder) for the storage tests, in its own
// process because its ListObjectsV2 continuation tokens use DES, which OpenSSL 3 only offers with
// `--openssl-legacy-provider`: that flag belongs on this process, not on the test runner.
// Usage: node --openssl-legacy-provider s3rver-process.cjs <folder> <bucket>
// Prints one JSON line `{"port":N}` once it listens; stops on SIGTERM or when stdin closes.
const S3rver = require('s3rver');

const [directory, bucket] = process.argv.slice(2);
if (!directory || !bucket) {
  process.stderr.write('usage: s3rver-process.cjs <folder> <bucket>\n');
  process.exit(2);
}

const server = new S3rver({ address: '127.0.0.1', port: 0, directory, silent: true, configureBuckets: [{ name: bucket }] });

async function main() {
  const { port } = await server.run();
  process.stdout.write(`${JSON.stringify({ port })}\n`);
}

// Nothing to flush (the folder is the test's temporary one), so stopping is exiting.
process.on('SIGTERM', () => process.exit(0));
// The test runner may die without signalling: a closed stdin means nobody needs this server any more.
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
