import { useCallback, useEffect, useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import { Image, Text, View } from '@tarojs/components';
import { TICKET_MAX_PHOTOS } from '../shared';
import { uploadPhoto, type UploadHandle } from '../services/api';
import { errorMessage } from '../services/errors';
import {
  addPhotos,
  remainingSlots,
  removePhoto,
  updatePhoto,
  uploadedPhotoIds,
  type DraftPhoto,
} from '../logic/photos';
import './PhotoPicker.css';

const TEXT = {
  add: '添加图片',
  failed: '上传失败\n点击重试',
  tooLarge: '有图片超过 10MB，已跳过',
  notImage: '只能上传图片（JPG、PNG 等），所选文件不是图片，已跳过',
  overLimit: `最多只能添加 ${TICKET_MAX_PHOTOS} 张图片`,
} as const;

type SetPhotos = (fn: (photos: DraftPhoto[]) => DraftPhoto[]) => void;

/**
 * Choosing, uploading (POST /api/uploads, with progress), retrying and removing photos, over state the
 * caller owns (the ticket draft keeps it in storage; an action form keeps it in memory). Uploads still
 * running are aborted when the caller unmounts.
 */
export function usePhotoUploads(photos: DraftPhoto[], setPhotos: SetPhotos) {
  const uploads = useRef(new Map<string, UploadHandle>());
  useEffect(() => {
    const handles = uploads.current;
    return () => handles.forEach((h) => h.abort());
  }, []);

  const start = useCallback(
    (localPath: string) => {
      const handle = uploadPhoto(localPath, (progress) =>
        setPhotos((ps) => updatePhoto(ps, localPath, { progress: Math.min(progress, 99) })),
      );
      uploads.current.set(localPath, handle);
      handle.promise
        .then((res) =>
          setPhotos((ps) =>
            updatePhoto(ps, localPath, { status: 'uploaded', progress: 100, id: res.id, url: res.url }),
          ),
        )
        .catch((e) =>
          setPhotos((ps) =>
            updatePhoto(ps, localPath, { status: 'failed', progress: 0, error: errorMessage(e) }),
          ),
        )
        .finally(() => uploads.current.delete(localPath));
    },
    [setPhotos],
  );

  const choose = async () => {
    const count = remainingSlots(photos);
    if (count === 0) {
      Taro.showToast({ title: TEXT.overLimit, icon: 'none' });
      return;
    }
    let res: Taro.chooseMedia.SuccessCallbackResult;
    try {
      // wx.chooseMedia: WeChat no longer maintains chooseImage. On H5 Taro opens a file input (kept under the id
      // its chooseImage used, which the browser test looks for).
      // Taro 4.2 passes wx.chooseMedia through without promisifying it: the callbacks make the promise here.
      res = await new Promise<Taro.chooseMedia.SuccessCallbackResult>((resolve, reject) =>
        Taro.chooseMedia({
          count,
          mediaType: ['image'],
          sizeType: ['compressed'],
          sourceType: ['album', 'camera'],
          ...({ mediaId: 'taroChooseImage' } as object),
          success: resolve,
          fail: reject,
        }),
      );
    } catch {
      return; // cancelled
    }
    const files = (res.tempFiles ?? []).map((f) => ({
      path: f.tempFilePath,
      size: f.size,
      type: f.fileType,
    }));
    const result = addPhotos(photos, files);
    setPhotos(() => result.photos);
    result.added.forEach((p) => start(p.localPath));
    // A browser drops a picked file it cannot read as a picture (Taro's chooseMedia on H5): a pick that brought
    // nothing back was no picture either.
    if (result.notImage || files.length === 0)
      Taro.showToast({ title: TEXT.notImage, icon: 'none', duration: 3000 });
    else if (result.tooLarge) Taro.showToast({ title: TEXT.tooLarge, icon: 'none' });
    else if (result.overLimit) Taro.showToast({ title: TEXT.overLimit, icon: 'none' });
  };

  const retry = (localPath: string) => {
    setPhotos((ps) => updatePhoto(ps, localPath, { status: 'uploading', progress: 0, error: undefined }));
    start(localPath);
  };

  const remove = (localPath: string) => {
    uploads.current.get(localPath)?.abort();
    uploads.current.delete(localPath);
    setPhotos((ps) => removePhoto(ps, localPath));
  };

  return { choose, retry, remove };
}

/** The photo grid: thumbnails with progress, tap-to-retry on failure, remove, and the add tile. */
export function PhotoGrid({
  photos,
  actions,
  onPreview,
}: {
  photos: DraftPhoto[];
  actions: ReturnType<typeof usePhotoUploads>;
  onPreview?: (photo: DraftPhoto) => void;
}) {
  return (
    <View className="photo-picker">
      {photos.map((p) => (
        <View key={p.localPath} className="photo-picker__item">
          <Image
            className="photo-picker__img"
            src={p.localPath}
            mode="aspectFill"
            onClick={onPreview ? () => onPreview(p) : undefined}
          />
          {p.status === 'uploading' && <View className="photo-picker__mask">{p.progress}%</View>}
          {p.status === 'failed' && (
            <View
              className="photo-picker__mask photo-picker__mask--failed"
              onClick={() => actions.retry(p.localPath)}
            >
              {TEXT.failed}
            </View>
          )}
          <View className="photo-picker__remove" onClick={() => actions.remove(p.localPath)}>
            ×
          </View>
        </View>
      ))}
      {photos.length < TICKET_MAX_PHOTOS && (
        <View className="photo-picker__add" onClick={actions.choose}>
          <Text className="photo-picker__plus">+</Text>
          <Text className="photo-picker__add-text">{TEXT.add}</Text>
        </View>
      )}
    </View>
  );
}

/**
 * Photos attached to an action (处理完毕, 补充信息), kept in memory. Reports the uploaded ids and whether any
 * upload is still running.
 */
export function PhotoPicker({ onChange }: { onChange: (ids: string[], uploading: boolean) => void }) {
  const [photos, setPhotos] = useState<DraftPhoto[]>([]);
  const actions = usePhotoUploads(photos, setPhotos);
  const report = useRef(onChange);
  report.current = onChange;
  useEffect(() => {
    report.current(
      uploadedPhotoIds(photos),
      photos.some((p) => p.status === 'uploading'),
    );
  }, [photos]);
  return <PhotoGrid photos={photos} actions={actions} />;
}
