import type { types } from 'mediasoup';

/**
 * What one server node asks of another over the NodeBus. A node that has viewers of a stage whose
 * stream is produced on another node (the owner) opens a pipe link to the owner's stage and asks
 * it to send streams through it; the owner tells it when a piped stream pauses, resumes or ends.
 */
export interface NodeMethods {
  /** Importer → owner: connect a PipeTransport on the stage's origin router to the importer's. */
  'pipe.open': {
    request: { sessionId: string; linkId: string; ip: string; port: number; srtpParameters: types.SrtpParameters };
    response: { ip: string; port: number; srtpParameters: types.SrtpParameters };
  };
  /** Importer → owner: send one producer through the link; the importer produces it under the same id. */
  'pipe.consume': {
    request: { linkId: string; producerId: string };
    response: { kind: types.MediaKind; rtpParameters: types.RtpParameters; paused: boolean; appData: Record<string, unknown> };
  };
  /** Importer → owner: the importer's room closed; drop the link. */
  'pipe.close': { request: { linkId: string }; response: Record<string, never> };
  /** Owner → importer: a piped producer paused, resumed or closed on the owner. */
  'pipe.producerEvent': {
    request: { sessionId: string; producerId: string; event: 'pause' | 'resume' | 'close' };
    response: Record<string, never>;
  };
  /** Any node → a node capturing parts of a recording: close them (see StageRecorder). */
  'recording.stopParts': { request: { recordingId: string }; response: Record<string, never> };
}

export type NodeMethod = keyof NodeMethods;
export type NodeRequest<M extends NodeMethod> = NodeMethods[M]['request'];
export type NodeResponse<M extends NodeMethod> = NodeMethods[M]['response'];
