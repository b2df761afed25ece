import { PHOTO_MAX_BYTES } from '../shared';
import {
  addPhotos,
  photosAfterRestart,
  remainingSlots,
  removePhoto,
  updatePhoto,
  uploadedPhotoIds,
} from './photos';

const files = (count: number, prefix = 'f') =>
  Array.from({ length: count }, (_, i) => ({ path: `${prefix}${i}`, size: 1000 }));

describe('draft photos', () => {
  it('takes at most 9 photos', () => {
    const first = addPhotos([], files(7));
    expect(first.added).toHaveLength(7);
    expect(remainingSlots(first.photos)).toBe(2);
    const second = addPhotos(first.photos, files(4, 'g'));
    expect(second.photos).toHaveLength(9);
    expect(second.overLimit).toBe(2);
  });

  it('skips photos over 10 MB and the same file twice', () => {
    const r = addPhotos(
      [],
      [
        { path: 'big', size: PHOTO_MAX_BYTES + 1 },
        { path: 'a', size: 10 },
        { path: 'a', size: 10 },
      ],
    );
    expect(r.tooLarge).toBe(1);
    expect(r.photos.map((p) => p.localPath)).toEqual(['a']);
    expect(r.photos[0]).toMatchObject({ status: 'uploading', progress: 0 });
  });

  it('tracks each upload separately, so one failure can be retried or removed alone', () => {
    let photos = addPhotos([], files(3)).photos;
    photos = updatePhoto(photos, 'f0', { status: 'uploaded', progress: 100, id: 'p0', url: '/api/files/p0' });
    photos = updatePhoto(photos, 'f1', { status: 'failed', error: '网络不佳，请重试' });
    expect(uploadedPhotoIds(photos)).toEqual(['p0']);
    expect(photosAfterRestart(photos).map((p) => p.localPath)).toEqual(['f0']);
    photos = removePhoto(photos, 'f1');
    expect(photos.map((p) => p.localPath)).toEqual(['f0', 'f2']);
  });

  it('leaves out a file that is not a picture, and says so', () => {
    const r = addPhotos(
      [],
      [
        { path: 'blob:a', size: 100, type: 'image/png' },
        { path: 'blob:b', size: 100, type: 'application/pdf' },
        { path: 'wxfile://c', size: 100, type: 'image' },
        { path: 'wxfile://d', size: 100 },
      ],
    );
    expect(r.added.map((p) => p.localPath)).toEqual(['blob:a', 'wxfile://c', 'wxfile://d']);
    expect(r.notImage).toBe(1);
  });
});
