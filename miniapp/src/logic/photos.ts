/**
 * Photos attached to a draft ticket (at most TICKET_MAX_PHOTOS, each under PHOTO_MAX_BYTES),
 * each uploaded on its own so one failure can be retried alone. Pure list operations.
 */
import { PHOTO_MAX_BYTES, TICKET_MAX_PHOTOS } from '../shared';

export type PhotoStatus = 'uploading' | 'uploaded' | 'failed';

export interface DraftPhoto {
  /** Local temp path (weapp) or blob URL (H5); also the photo's key in the list. */
  localPath: string;
  status: PhotoStatus;
  /** Upload progress 0–100. */
  progress: number;
  size?: number;
  /** Server id and URL once uploaded. */
  id?: string;
  url?: string;
  error?: string;
}

export interface ChosenFile {
  path: string;
  size?: number;
  /** What wx.chooseMedia says it is: 'image' / 'video' on weapp, the MIME type (image/png …) on H5. */
  type?: string;
}

/** Whether a chosen file is a picture (a file of unknown type is let through to the server's own check). */
export function isImage(f: ChosenFile): boolean {
  return !f.type || f.type === 'image' || f.type.startsWith('image/');
}

export interface AddResult {
  photos: DraftPhoto[];
  /** The photos that were accepted and must now be uploaded. */
  added: DraftPhoto[];
  tooLarge: number;
  overLimit: number;
  /** Files that are not pictures (a PDF or a text file picked in a browser), left out. */
  notImage: number;
}

export function remainingSlots(photos: DraftPhoto[]): number {
  return Math.max(0, TICKET_MAX_PHOTOS - photos.length);
}

export function addPhotos(photos: DraftPhoto[], files: ChosenFile[]): AddResult {
  const added: DraftPhoto[] = [];
  let tooLarge = 0;
  let overLimit = 0;
  let notImage = 0;
  for (const f of files) {
    if (!isImage(f)) {
      notImage++;
      continue;
    }
    if (f.size !== undefined && f.size > PHOTO_MAX_BYTES) {
      tooLarge++;
      continue;
    }
    if (photos.length + added.length >= TICKET_MAX_PHOTOS) {
      overLimit++;
      continue;
    }
    if (photos.some((p) => p.localPath === f.path) || added.some((p) => p.localPath === f.path)) continue;
    added.push({ localPath: f.path, size: f.size, status: 'uploading', progress: 0 });
  }
  return { photos: [...photos, ...added], added, tooLarge, overLimit, notImage };
}

export function updatePhoto(
  photos: DraftPhoto[],
  localPath: string,
  patch: Partial<DraftPhoto>,
): DraftPhoto[] {
  return photos.map((p) => (p.localPath === localPath ? { ...p, ...patch } : p));
}

export function removePhoto(photos: DraftPhoto[], localPath: string): DraftPhoto[] {
  return photos.filter((p) => p.localPath !== localPath);
}

export function uploadedPhotoIds(photos: DraftPhoto[]): string[] {
  return photos.filter((p) => p.status === 'uploaded' && p.id).map((p) => p.id as string);
}

/**
 * After a restart only uploaded photos are still usable (temp files and blob URLs are gone);
 * the ones that were still uploading are dropped.
 */
export function photosAfterRestart(photos: DraftPhoto[]): DraftPhoto[] {
  return photos.filter((p) => p.status === 'uploaded' && p.id);
}
