// A child process holding one UDP socket per viewer. It only counts what arrives (RTP and RTCP apart),
// so delivery is proven without the receiving cost landing in the process being measured.
import dgram from 'node:dgram';
import { serveRequests } from './child';

const sockets: dgram.Socket[] = [];
const rtp: number[] = [];
const rtcp: number[] = [];

/** RFC 5761: an RTCP packet type (192 to 223) in the second byte tells RTCP from RTP on a muxed port. */
const isRtcp = (packet: Buffer) => packet.length > 1 && packet[1]! >= 192 && packet[1]! <= 223;

/**
 * A small receive buffer (the kernel doubles it: about 28 packets): what a socket holds unread is
 * what a delivery count can be off by, and the benchmarks stop the receivers during CPU windows.
 */
const recvBufferSize = 32 * 1024;

function open(index: number): Promise<number> {
  const socket = dgram.createSocket({ type: 'udp4', recvBufferSize });
  rtp[index] = 0;
  rtcp[index] = 0;
  socket.on('message', (packet) => {
    if (isRtcp(packet)) rtcp[index]!++;
    else rtp[index]!++;
  });
  sockets[index] = socket;
  return new Promise((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(0, '127.0.0.1', () => resolve(socket.address().port));
  });
}

serveRequests(async (type, body) => {
  switch (type) {
    case 'open': {
      const count = Number(body.count);
      const ports: number[] = [];
      for (let index = sockets.length; index < count; index++) ports.push(await open(index));
      return { ports: sockets.slice(0, count).map((s) => s.address().port) };
    }
    case 'counts':
      return { rtp, rtcp };
    default:
      throw new Error(`unknown request ${type}`);
  }
});
