import type { AppConfig } from '../config/config';
import { S3Storage, s3Client } from './s3-storage';
import { LocalDiskStorage, Storage } from './storage';

/** STORAGE=s3: the bucket every instance shares; otherwise the local folder UPLOAD_DIR (the embedded default). */
export function createStorage(config: Pick<AppConfig, 'storage' | 'uploadDir'>): Storage {
  const s = config.storage;
  return s.kind === 's3' ? new S3Storage(s3Client(s), s.bucket) : new LocalDiskStorage(config.uploadDir);
}
