/** Detects the image type from the first bytes; the client's file name and Content-Type are not trusted. */
export function sniffImage(buf: Buffer): { mime: string; ext: string } | null {
  if (buf.length >= 3 && buf[0] === 0xff && buf[1] === 0xd8 && buf[2] === 0xff)
    return { mime: 'image/jpeg', ext: 'jpg' };
  if (
    buf.length >= 8 &&
    buf.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
  )
    return { mime: 'image/png', ext: 'png' };
  if (buf.length >= 6 && /^GIF8[79]a$/.test(buf.subarray(0, 6).toString('latin1')))
    return { mime: 'image/gif', ext: 'gif' };
  if (
    buf.length >= 12 &&
    buf.subarray(0, 4).toString('latin1') === 'RIFF' &&
    buf.subarray(8, 12).toString('latin1') === 'WEBP'
  )
    return { mime: 'image/webp', ext: 'webp' };
  return null;
}

/** Photos are kept at most this long on their longest side (a phone's 4000×3000 shot becomes 2560×1920). */
export const PHOTO_MAX_SIDE = 2560;
/** Larger images are refused before decoding (a small file can claim a huge canvas: a decompression bomb). */
const MAX_INPUT_PIXELS = 100_000_000;

/**
 * Decodes and re-encodes an uploaded image, so only pixels are kept: EXIF (GPS location, camera, time),
 * XMP and IPTC are dropped. Turned upright by its EXIF orientation first, shrunk to PHOTO_MAX_SIDE, stored as
 * PNG when it came as PNG (screenshots, transparency) and as JPEG otherwise. Throws when it does not decode.
 */
export async function reencodeImage(
  buf: Buffer,
  type: { mime: string },
): Promise<{ data: Buffer; mime: string; ext: string; width: number; height: number }> {
  // Loaded lazily: only uploads need libvips.
  const { default: sharp } = await import('sharp');
  const img = sharp(buf, { failOn: 'error', limitInputPixels: MAX_INPUT_PIXELS, animated: false })
    .autoOrient()
    .resize({ width: PHOTO_MAX_SIDE, height: PHOTO_MAX_SIDE, fit: 'inside', withoutEnlargement: true });
  const png = type.mime === 'image/png';
  const out = png
    ? img.png({ compressionLevel: 6 })
    : img.flatten({ background: '#ffffff' }).jpeg({ quality: 82, progressive: true });
  // sharp writes no metadata unless asked (withMetadata / keepExif): none is asked here.
  const { data, info } = await out.toBuffer({ resolveWithObject: true });
  return png
    ? { data, mime: 'image/png', ext: 'png', width: info.width, height: info.height }
    : { data, mime: 'image/jpeg', ext: 'jpg', width: info.width, height: info.height };
}
