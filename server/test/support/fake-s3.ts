import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
// s3rver: a real S3-protocol server (signature V4 checked, objects kept on disk), in this process.
import S3rver from 's3rver';
import { s3Client } from '../../src/storage/s3-storage';

export interface FakeS3 {
  endpoint: string;
  /** The server's environment for one of the buckets (STORAGE=s3 and the S3_* variables). */
  env(bucket: string): Record<string, string>;
  /** Every key in a bucket. */
  keys(bucket: string): Promise<string[]>;
  client: S3Client;
  close(): Promise<void>;
}

/** s3rver's one account (its defaults); a request signed with any other secret is refused. */
const KEY = 'S3RVER';

export async function startFakeS3(buckets: string[]): Promise<FakeS3> {
  const directory = mkdtempSync(join(tmpdir(), 'wuye-s3-'));
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    configureBuckets: buckets.map((name) => ({ name, configs: [] })),
  });
  const { port } = (await server.run()) as { port: number };
  const endpoint = `http://127.0.0.1:${port}`;
  const env = (bucket: string) => ({
    STORAGE: 's3',
    S3_ENDPOINT: endpoint,
    S3_BUCKET: bucket,
    S3_REGION: 'cn-test-1',
    S3_ACCESS_KEY_ID: KEY,
    S3_SECRET_ACCESS_KEY: KEY,
    S3_FORCE_PATH_STYLE: 'true',
  });
  const client = s3Client({
    kind: 's3',
    endpoint,
    bucket: buckets[0],
    region: 'cn-test-1',
    accessKeyId: KEY,
    secretAccessKey: KEY,
    forcePathStyle: true,
  });
  return {
    endpoint,
    env,
    client,
    async keys(bucket) {
      const out: string[] = [];
      let token: string | undefined;
      do {
        const page = await client.send(
          new ListObjectsV2Command({ Bucket: bucket, ContinuationToken: token }),
        );
        for (const o of page.Contents ?? []) out.push(o.Key!);
        token = page.NextContinuationToken;
      } while (token);
      return out.sort();
    },
    async close() {
      client.destroy();
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
