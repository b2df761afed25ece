import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import type { OnApplicationShutdown } from '@nestjs/common';
import type { Readable } from 'node:stream';
import type { S3Config } from '../config/config';
import { Storage } from './storage';

/** A key is one of ours (year/month/id.ext, models/company/id.json): plain parts, no escape from the bucket. */
const checkKey = (key: string) => {
  if (typeof key !== 'string' || !key || key.startsWith('/') || /(^|\/)\.\.?(\/|$)|\0|\\/.test(key))
    throw new Error(`invalid storage key: ${JSON.stringify(key)}`);
  return key;
};

const notFound = (e: unknown) =>
  e instanceof S3ServiceException &&
  (e.name === 'NoSuchKey' || e.name === 'NotFound' || e.$metadata?.httpStatusCode === 404);

/** The S3 client for a configuration: Aliyun OSS, Tencent COS, MinIO and AWS all speak this API. */
export function s3Client(c: S3Config): S3Client {
  return new S3Client({
    endpoint: c.endpoint ?? undefined,
    region: c.region,
    forcePathStyle: c.forcePathStyle,
    credentials: { accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey },
    // Checksums only where the API requires them: the SDK's newer default (CRC32 headers on every upload,
    // aws-chunked bodies) is not understood by every S3-compatible store.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    maxAttempts: 3,
  });
}

/**
 * Photos, signatures and retrained models in an S3-compatible bucket, shared by every instance. The bucket
 * stays private: people read photos through our signed, expiring links (`/api/files/:id`), never the bucket.
 */
export class S3Storage extends Storage implements OnApplicationShutdown {
  constructor(
    private readonly client: S3Client,
    private readonly bucket: string,
  ) {
    super();
  }

  async put(key: string, data: Buffer): Promise<void> {
    // One PUT: the object appears whole or not at all, as with the local write-then-rename.
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: checkKey(key),
        Body: data,
        ContentLength: data.length,
      }),
    );
  }

  /** Rejects before any byte is sent when the object is missing or the store cannot be reached. */
  async read(key: string): Promise<Readable> {
    const out = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: checkKey(key) }));
    if (!out.Body) throw new Error(`empty answer for ${key}`);
    return out.Body as Readable;
  }

  async exists(key: string): Promise<boolean> {
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: checkKey(key) }));
      return true;
    } catch (e) {
      if (notFound(e)) return false;
      throw e;
    }
  }

  /** Closes the client's kept-alive connections when the app stops. */
  onApplicationShutdown() {
    this.client.destroy();
  }

  async remove(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: checkKey(key) }));
  }
}
