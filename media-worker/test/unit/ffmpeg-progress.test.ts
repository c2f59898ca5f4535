import { FfmpegProgressReader, progressSlice } from '../../src/ffmpeg-progress';
import { parseMasterPlaylist, parseMediaPlaylist } from '../../src/hls-playlists';

/** Two blocks as ffmpeg 5.1 prints them with `-progress pipe:1`. */
const blocks = [
  'frame=0\nfps=0.00\nout_time_us=N/A\nout_time_ms=N/A\nout_time=N/A\nspeed=N/A\nprogress=continue\n',
  'frame=150\nfps=30.00\nbitrate=1024.0kbits/s\nout_time_us=5000000\nout_time_ms=5000000\nout_time=00:00:05.000000\nspeed=1.5x\nprogress=continue\n',
  'frame=300\nout_time_us=10010000\nout_time_ms=10010000\nprogress=end\n',
].join('');

describe('FfmpegProgressReader', () => {
  it('reports the output time at the end of each block, however stdout is chunked', () => {
    for (const chunkSize of [1, 7, 64, blocks.length]) {
      const seen: [number, boolean][] = [];
      const reader = new FfmpegProgressReader((sec, ended) => seen.push([sec, ended]));
      for (let i = 0; i < blocks.length; i += chunkSize) reader.push(blocks.slice(i, i + chunkSize));
      expect(seen).toEqual([
        [0, false],
        [5, false],
        [10.01, true],
      ]);
    }
  });
});

describe('progressSlice', () => {
  it('maps a step onto its share of the job, clamped to the share', () => {
    const reported: number[] = [];
    const onFraction = progressSlice(45, 95, (p) => reported.push(p));
    [0, 0.5, 1, 1.2, -1, Number.NaN].forEach(onFraction);
    expect(reported).toEqual([45, 70, 95, 95, 45, 45]);
  });
});

describe('parseMasterPlaylist', () => {
  it('reads bandwidth, resolution and URI of each variant as ffmpeg writes them', () => {
    const master = [
      '#EXTM3U',
      '#EXT-X-VERSION:3',
      '#EXT-X-STREAM-INF:BANDWIDTH=3220800,RESOLUTION=1280x720,CODECS="avc1.64001f,mp4a.40.2"',
      '720p/index.m3u8',
      '',
      '#EXT-X-STREAM-INF:BANDWIDTH=1020800,RESOLUTION=640x360,CODECS="avc1.64001e,mp4a.40.2"',
      '360p/index.m3u8',
      '',
    ].join('\n');
    expect(parseMasterPlaylist(master)).toEqual([
      { uri: '720p/index.m3u8', bandwidth: 3220800, width: 1280, height: 720 },
      { uri: '360p/index.m3u8', bandwidth: 1020800, width: 640, height: 360 },
    ]);
  });
});

describe('parseMediaPlaylist', () => {
  it('sums the segment durations and sees the end of a VOD playlist', () => {
    const media = '#EXTM3U\n#EXT-X-TARGETDURATION:4\n#EXT-X-PLAYLIST-TYPE:VOD\n#EXTINF:4.000000,\nsegment-0000.ts\n#EXTINF:2.500000,\nsegment-0001.ts\n#EXT-X-ENDLIST\n';
    expect(parseMediaPlaylist(media)).toEqual({ segments: ['segment-0000.ts', 'segment-0001.ts'], durationSec: 6.5, ended: true });
    expect(parseMediaPlaylist('#EXTM3U\n#EXTINF:4.0,\nsegment-0000.ts\n').ended).toBe(false);
  });
});
