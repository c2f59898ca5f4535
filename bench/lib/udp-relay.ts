// A child process standing between ffmpeg and its destinations, one input socket per stream.
// Each packet always goes to its pipe target (the mediasoup PlainTransport of its stream) once one
// is set: a producer whose input stops for seconds scores 0 and its consumers forward nothing for
// several seconds after it resumes, so the stream into mediasoup never pauses. In "fanout" mode each
// packet also goes to every viewer through a connected socket per viewer (no address to resolve per
// send): the raw-relay baseline. Both see the very same
// packet stream, so ffmpeg runs once for a whole benchmark.
import dgram from 'node:dgram';
import { serveRequests } from './child';

type Kind = 'audio' | 'video';
const kinds: Kind[] = ['audio', 'video'];

let fanout = false;
let pipeTargets: Record<Kind, number> | null = null;
let outputs: dgram.Socket[] = [];
const received = { audio: { rtp: 0, rtcp: 0 }, video: { rtp: 0, rtcp: 0 } };

const isRtcp = (packet: Buffer) => packet.length > 1 && packet[1]! >= 192 && packet[1]! <= 223;

function listen(kind: Kind): Promise<dgram.Socket> {
  const socket = dgram.createSocket('udp4');
  socket.on('message', (packet, from) => {
    // mediasoup answers the pipe (receiver reports, PLI) on this socket: not part of the stream.
    if (from.port === pipeTargets?.[kind]) return;
    if (isRtcp(packet)) received[kind].rtcp++;
    else received[kind].rtp++;
    if (pipeTargets) socket.send(packet, pipeTargets[kind], '127.0.0.1');
    if (fanout) for (const output of outputs) output.send(packet);
  });
  return new Promise((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(0, '127.0.0.1', () => resolve(socket));
  });
}

function connectOutput(port: number): Promise<dgram.Socket> {
  const socket = dgram.createSocket('udp4');
  return new Promise((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(0, '127.0.0.1', () => socket.connect(port, '127.0.0.1', () => resolve(socket)));
  });
}

function stopFanout(): void {
  fanout = false;
  for (const output of outputs) output.close();
  outputs = [];
}

const inputs = Promise.all(kinds.map(listen));

serveRequests(async (type, body) => {
  const [audio, video] = await inputs;
  switch (type) {
    case 'ports':
      return { audio: audio!.address().port, video: video!.address().port };
    case 'pipe':
      pipeTargets = body.targets as Record<Kind, number>;
      return {};
    case 'fanout':
      stopFanout();
      outputs = await Promise.all((body.ports as number[]).map(connectOutput));
      fanout = true;
      return {};
    case 'stopFanout':
      stopFanout();
      return {};
    case 'counts':
      return received;
    default:
      throw new Error(`unknown request ${type}`);
  }
});
