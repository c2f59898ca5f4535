import { errorCodes, type RecordingSummary } from '@rounds/shared';
import { ApiError, segment, toApiError } from './http';

export interface UploadHandle {
  /** Resolves with the new recording (status `queued`) or rejects with an ApiError. */
  done: Promise<RecordingSummary>;
  cancel(): void;
}

/**
 * Sends a pre-recorded talk as the raw request body. XMLHttpRequest rather than fetch: only it
 * reports upload progress. `onProgress` gets the fraction sent, 0 to 1.
 */
export function uploadTalk(sessionId: string, file: File, contentType: string, onProgress: (fraction: number) => void): UploadHandle {
  const xhr = new XMLHttpRequest();
  const done = new Promise<RecordingSummary>((resolve, reject) => {
    xhr.open('PUT', `/api/sessions/${segment(sessionId)}/upload?filename=${encodeURIComponent(file.name)}`);
    xhr.withCredentials = true;
    xhr.setRequestHeader('content-type', contentType);
    xhr.responseType = 'json';
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    xhr.onload = () => {
      const body = xhr.response as { ok?: boolean; data?: RecordingSummary } | null;
      if (xhr.status >= 200 && xhr.status < 300 && body?.ok === true && body.data) return resolve(body.data);
      // A proxy's 413 has no envelope; it still means the file is too large.
      if (xhr.status === 413 && body?.ok !== false) return reject(new ApiError('upload.tooLarge', errorCodes['upload.tooLarge']));
      reject(toApiError(body));
    };
    xhr.onerror = () => reject(new ApiError('server.unavailable', 'The upload was interrupted. Check your connection and try again.'));
    xhr.onabort = () => reject(new UploadCancelled());
    xhr.send(file);
  });
  return { done, cancel: () => xhr.abort() };
}

/** The person cancelled the upload: not an error to show. */
export class UploadCancelled extends Error {
  constructor() {
    super('The upload was cancelled.');
  }
}
