import sharp from 'sharp';
import { decodeCost, readImageHeader, sniffImage } from './image-type';

/** The header of real files of every accepted kind, as sharp writes them, read without decoding. */
describe('image header (canvas size before decoding)', () => {
  const read = (buf: Buffer) => readImageHeader(buf, sniffImage(buf)!);
  const make = (w: number, h: number, channels: 3 | 4 = 3) =>
    sharp({ create: { width: w, height: h, channels, background: { r: 10, g: 200, b: 30, alpha: 0.5 } } });

  it('reads width and height of PNG (with bit depth), JPEG, GIF and every WebP flavour', async () => {
    expect(read(await make(321, 123).png().toBuffer())).toEqual({ width: 321, height: 123, bitDepth: 8 });
    expect(read(await make(77, 55).png().toColourspace('rgb16').toBuffer())).toEqual({
      width: 77,
      height: 55,
      bitDepth: 16,
    });
    // A JPEG with EXIF and an ICC profile before its frame header.
    const jpeg = await make(640, 480).withMetadata({ orientation: 6 }).jpeg().toBuffer();
    expect(read(jpeg)).toEqual({ width: 640, height: 480, bitDepth: 8 });
    expect(read(await make(31, 17).gif().toBuffer())).toMatchObject({ width: 31, height: 17 });
    expect(read(await make(301, 203).webp({ quality: 80 }).toBuffer())).toMatchObject({
      width: 301,
      height: 203,
    });
    expect(read(await make(302, 204).webp({ lossless: true }).toBuffer())).toMatchObject({
      width: 302,
      height: 204,
    });
    // With alpha and lossy: VP8X + ALPH.
    expect(read(await make(303, 205, 4).webp({ quality: 80 }).toBuffer())).toMatchObject({
      width: 303,
      height: 205,
    });
  });

  it('says null for a header cut short or missing', async () => {
    const png = await make(10, 10).png().toBuffer();
    expect(read(png.subarray(0, 20))).toBeNull();
    expect(read(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]))).toBeNull();
    expect(read(Buffer.from('GIF89a'))).toBeNull();
    expect(readImageHeader(Buffer.from('RIFF\0\0\0\0WEBPVP8 '), { mime: 'image/webp' })).toBeNull();
  });

  it('counts a 16-bit pixel twice', () => {
    expect(decodeCost({ width: 100, height: 100, bitDepth: 8 })).toBe(10_000);
    expect(decodeCost({ width: 100, height: 100, bitDepth: 16 })).toBe(20_000);
  });
});
