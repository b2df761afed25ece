import { createHmac, timingSafeEqual } from 'node:crypto';
import {
  BadRequestException,
  ForbiddenException,
  Inject,
  Injectable,
  NotFoundException,
  PayloadTooLargeException,
} from '@nestjs/common';
import { PHOTO_MAX_BYTES } from '@wuye/shared';
import { DataSource } from 'typeorm';
import { AuthUser } from '../common/auth-user';
import { newId } from '../common/entity-helpers';
import { APP_CONFIG, AppConfig } from '../config/config';
import { DecodeGate } from './decode-gate';
import {
  decodeCost,
  headerReadable,
  PHOTO_MAX_PIXELS,
  readImageHeader,
  reencodeImage,
  sniffImage,
} from './image-type';
import { joinKey, Storage } from './storage';
import { Upload } from './upload.entity';

export const FILE_URL_SECRET = Symbol('FILE_URL_SECRET');
const URL_TTL_S = 24 * 3600;
const BROKEN_IMAGE = '图片已损坏或无法识别，请重新拍摄或换一张图片';

@Injectable()
export class UploadsService {
  /** Photos decoding at once (UPLOAD_DECODE_CONCURRENCY), and how many more may wait. */
  readonly decodeGate: DecodeGate;

  constructor(
    private readonly ds: DataSource,
    private readonly storage: Storage,
    @Inject(FILE_URL_SECRET) private readonly secret: string,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.decodeGate = new DecodeGate(config.uploadDecodeConcurrency, 8 * config.uploadDecodeConcurrency);
  }

  async store(user: AuthUser, file: { buffer: Buffer; size: number } | undefined) {
    if (!file) throw new BadRequestException('请选择要上传的图片（字段名 file）');
    if (file.size > PHOTO_MAX_BYTES)
      throw new PayloadTooLargeException(`图片不能超过 ${PHOTO_MAX_BYTES / 1024 / 1024} MB`);
    const type = sniffImage(file.buffer);
    if (!type) throw new BadRequestException('只能上传 JPG、PNG、WebP 或 GIF 图片');
    // The size the header states decides before any decoding: a small file may claim a huge canvas.
    const header = readImageHeader(file.buffer, type);
    if (!header || !header.width || !header.height) throw new BadRequestException(BROKEN_IMAGE);
    if (decodeCost(header) > PHOTO_MAX_PIXELS) {
      if (!(await headerReadable(file.buffer))) throw new BadRequestException(BROKEN_IMAGE);
      throw new PayloadTooLargeException(
        `图片尺寸过大（${header.width}×${header.height}${header.bitDepth > 8 ? `，${header.bitDepth} 位色深` : ''}），` +
          `请换一张 ${PHOTO_MAX_PIXELS / 10_000} 万像素以内的照片`,
      );
    }
    // Only re-encoded pixels are stored: a photo's EXIF would tell anyone who sees it where it was taken.
    const image = await this.decodeGate.run(async () => {
      try {
        return await reencodeImage(file.buffer, type);
      } catch {
        throw new BadRequestException(BROKEN_IMAGE);
      }
    });
    const id = newId();
    const now = new Date();
    const key = joinKey(
      String(now.getUTCFullYear()),
      String(now.getUTCMonth() + 1).padStart(2, '0'),
      `${id}.${image.ext}`,
    );
    await this.storage.put(key, image.data);
    const row = await this.ds.getRepository(Upload).save({
      id,
      companyId: user.companyId,
      uploaderId: user.id,
      storageKey: key,
      mime: image.mime,
      size: image.data.length,
      ticketId: null,
    });
    return { id: row.id, url: this.signedUrl(row.id) };
  }

  /** Photo URLs are capabilities: signed, expiring, so an <image> tag can load them without a header. */
  signedUrl(id: string, now = Date.now()): string {
    const exp = Math.floor(now / 1000) + URL_TTL_S;
    return `/api/files/${id}?exp=${exp}&sig=${this.sign(id, exp)}`;
  }

  private sign(id: string, exp: number): string {
    return createHmac('sha256', this.secret).update(`${id}.${exp}`).digest('base64url').slice(0, 32);
  }

  async open(id: string, exp: string, sig: string) {
    const e = Number(exp);
    const expected = Buffer.from(this.sign(id, e));
    const given = Buffer.from(String(sig ?? ''));
    if (!Number.isInteger(e) || given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw new ForbiddenException('图片链接无效');
    }
    if (e < Date.now() / 1000) throw new ForbiddenException('图片链接已过期，请刷新页面');
    const row = await this.ds.getRepository(Upload).findOneBy({ id });
    if (!row) throw new NotFoundException('图片不存在');
    let stream;
    try {
      stream = await this.storage.read(row.storageKey);
    } catch {
      throw new NotFoundException('图片不存在');
    }
    return { stream, mime: row.mime, size: row.size };
  }
}
