import type { Device, types } from 'mediasoup-client';
import type { MediaSource, RequestName, RequestPayload, RequestResponse } from '@rounds/shared';

/** Sends one catalogue request and resolves with its data, or rejects with an ApiError. */
export type StageRequest = <N extends RequestName>(name: N, payload: RequestPayload<N>) => Promise<RequestResponse<N>>;

export type CreatedTransport = Promise<RequestResponse<'media.createTransport'>>;

/**
 * Opens a WebRTC transport on the server and its mediasoup-client twin, wiring the twin's `connect`
 * and `produce` events to the catalogue requests. `onFailed` runs when ICE/DTLS gives up for good.
 * `created`: the server's answer to a `media.createTransport` already sent.
 */
export async function openTransport(
  device: Device,
  request: StageRequest,
  sessionId: string,
  direction: 'send' | 'recv',
  onFailed: () => void,
  created: CreatedTransport = request('media.createTransport', { sessionId, direction }),
): Promise<types.Transport> {
  const options = await created;
  const transportOptions = {
    id: options.transportId,
    iceParameters: options.iceParameters as unknown as types.IceParameters,
    iceCandidates: options.iceCandidates as unknown as types.IceCandidate[],
    dtlsParameters: options.dtlsParameters as unknown as types.DtlsParameters,
  };
  const transport = direction === 'send' ? device.createSendTransport(transportOptions) : device.createRecvTransport(transportOptions);
  transport.on('connect', ({ dtlsParameters }, callback, errback) => {
    request('media.connectTransport', { sessionId, transportId: transport.id, dtlsParameters }).then(() => callback(), errback);
  });
  transport.on('produce', ({ kind, rtpParameters, appData }, callback, errback) => {
    const source = appData.source as MediaSource;
    request('media.produce', { sessionId, transportId: transport.id, kind, source, rtpParameters: { ...rtpParameters } }).then(
      ({ producerId }) => callback({ id: producerId }),
      errback,
    );
  });
  transport.on('connectionstatechange', (state) => {
    if (state === 'failed') onFailed();
  });
  return transport;
}
