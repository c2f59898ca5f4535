import { RoundsError, uploadTypes, type UploadType } from '@rounds/shared';

type Family = 'iso-bmff' | 'matroska';

const familyOf: Record<UploadType, Family> = {
  'video/mp4': 'iso-bmff',
  'video/quicktime': 'iso-bmff',
  'video/webm': 'matroska',
  'video/x-matroska': 'matroska',
};

/** Atoms a QuickTime or MP4 file may begin with. */
const leadingAtoms = new Set(['ftyp', 'moov', 'mdat', 'wide', 'free', 'skip']);

/** The declared type of an upload, if it is one we take; else `upload.unsupportedType`. */
export function declaredUploadType(contentType: string | undefined): UploadType {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (!Object.hasOwn(uploadTypes, type)) {
    throw new RoundsError('upload.unsupportedType', `Files of type ${JSON.stringify(type.slice(0, 80) || 'none')} are not accepted`);
  }
  return type as UploadType;
}

/** Whether the file's first bytes are those of the declared container (a renamed PDF is not a video). */
export function matchesDeclaredType(head: Buffer, type: UploadType): boolean {
  if (familyOf[type] === 'matroska') return head.length >= 4 && head.readUInt32BE(0) === 0x1a45dfa3;
  return head.length >= 8 && leadingAtoms.has(head.toString('latin1', 4, 8));
}

/** WebVTT files begin with "WEBVTT" (after an optional byte order mark). */
export function isWebVtt(text: string): boolean {
  return /^\uFEFF?WEBVTT(?:[ \t\r\n]|$)/.test(text);
}
