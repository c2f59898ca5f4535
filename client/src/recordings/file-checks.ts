import { captionsMaxBytes, defaultUploadMaxBytes, errorCodes, uploadTypes, type UploadType } from '@rounds/shared';

/** "1.5 GB", "800 KB": a size as people read it. */
export function formatBytes(bytes: number): string {
  const units = ['bytes', 'KB', 'MB', 'GB'] as const;
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${unit === 0 ? value : value.toLocaleString(undefined, { maximumFractionDigits: 1 })} ${units[unit]}`;
}

/** What the file input offers: the accepted containers, by type and by extension (some systems report no type). */
export const talkFileAccept = [...Object.keys(uploadTypes), ...Object.values(uploadTypes).map((ext) => `.${ext}`)].join(',');

/**
 * The Content-Type to send for a talk: the browser's own when it is one we accept, else the one its
 * extension names (Chromium reports no type for some .mkv files). Null when neither is accepted.
 */
export function talkContentType(file: Pick<File, 'name' | 'type'>): UploadType | null {
  if (file.type in uploadTypes) return file.type as UploadType;
  const ext = file.name.split('.').pop()?.toLowerCase();
  const entry = Object.entries(uploadTypes).find(([, known]) => known === ext);
  return file.type === '' || file.type === 'application/octet-stream' ? ((entry?.[0] as UploadType | undefined) ?? null) : null;
}

/** Why this file cannot be sent as a talk, in the words the server would use; null when it may be sent. */
export function talkFileProblem(file: Pick<File, 'name' | 'type' | 'size'>, maxBytes = defaultUploadMaxBytes): string | null {
  if (!talkContentType(file)) return `“${file.name}” is not a video we can take. ${errorCodes['upload.unsupportedType']}`;
  if (file.size > maxBytes) return `“${file.name}” is ${formatBytes(file.size)}; the limit is ${formatBytes(maxBytes)}.`;
  if (file.size === 0) return `“${file.name}” is empty.`;
  return null;
}

/** Why this file cannot be attached as captions; null when it may be. */
export function captionsFileProblem(file: Pick<File, 'name' | 'size'>): string | null {
  if (!/\.vtt$/i.test(file.name)) return `“${file.name}” is not a WebVTT file. ${errorCodes['upload.invalidCaptions']}`;
  if (file.size > captionsMaxBytes) return `“${file.name}” is ${formatBytes(file.size)}; captions may be up to ${formatBytes(captionsMaxBytes)}.`;
  return null;
}
