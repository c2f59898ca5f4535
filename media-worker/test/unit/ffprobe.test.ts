import { buildProbeArgs, parseProbeOutput, ProbeOutputError } from '../../src/ffprobe';

/** Trimmed from real `ffprobe -print_format json -show_format -show_streams` output (ffmpeg 5.1). */
const realOutput = {
  streams: [
    {
      index: 0,
      codec_name: 'h264',
      codec_long_name: 'H.264 / AVC / MPEG-4 AVC / MPEG-4 part 10',
      profile: 'Constrained Baseline',
      codec_type: 'video',
      width: 640,
      height: 360,
      pix_fmt: 'yuv420p',
      r_frame_rate: '30/1',
      time_base: '1/15360',
      duration: '2.000000',
      disposition: { default: 1, attached_pic: 0 },
      tags: { language: 'und', handler_name: 'VideoHandler' },
    },
    {
      index: 1,
      codec_name: 'aac',
      codec_type: 'audio',
      sample_rate: '48000',
      channels: 1,
      duration: '2.000000',
      disposition: { default: 1, attached_pic: 0 },
    },
  ],
  format: {
    filename: 'file:/tmp/clip.mp4',
    nb_streams: 2,
    format_name: 'mov,mp4,m4a,3gp,3g2,mj2',
    start_time: '0.000000',
    duration: '2.000000',
    size: '487204',
    bit_rate: '1948816',
    tags: { major_brand: 'isom', encoder: 'Lavf59.27.100' },
  },
};

describe('buildProbeArgs', () => {
  it('lets ffprobe open local files only, and only media containers (no playlists)', () => {
    const args = buildProbeArgs('/recordings/talk.mkv');
    const at = args.indexOf('-protocol_whitelist');
    expect(at).toBeGreaterThanOrEqual(0);
    expect(args[at + 1]).toBe('file');
    expect(args[args.indexOf('-format_whitelist') + 1]).toBe('mov,matroska');
    expect(args.at(-1)).toBe('file:/recordings/talk.mkv');
  });

  it('keeps a path with spaces and shell syntax as one argument, never a command line', () => {
    const nasty = '/recordings/a b; rm -rf ~ $(reboot) `id`.mp4';
    const args = buildProbeArgs(nasty);
    expect(args.filter((a) => a.includes(nasty))).toEqual([`file:${nasty}`]);
    // Every other element is a single option token: nothing is meant for a shell to split.
    expect(args.slice(0, -1).every((a) => !/\s/.test(a))).toBe(true);
  });

  it('refuses a relative path', () => {
    expect(() => buildProbeArgs('talk.mkv')).toThrow(TypeError);
    expect(() => buildProbeArgs('-i')).toThrow(TypeError);
  });
});

describe('parseProbeOutput', () => {
  it('reads duration, format and streams from real ffprobe output', () => {
    expect(parseProbeOutput(JSON.stringify(realOutput))).toEqual({
      durationSec: 2,
      formatName: 'mov,mp4,m4a,3gp,3g2,mj2',
      streams: [
        { index: 0, kind: 'video', codec: 'h264', width: 640, height: 360 },
        { index: 1, kind: 'audio', codec: 'aac' },
      ],
    });
  });

  it('counts cover art as other, not video', () => {
    const withCover = {
      format: { format_name: 'mp3', duration: '180.5' },
      streams: [
        { index: 0, codec_type: 'audio', codec_name: 'mp3' },
        { index: 1, codec_type: 'video', codec_name: 'mjpeg', width: 500, height: 500, disposition: { attached_pic: 1 } },
      ],
    };
    expect(parseProbeOutput(JSON.stringify(withCover)).streams).toEqual([
      { index: 0, kind: 'audio', codec: 'mp3' },
      { index: 1, kind: 'other', codec: 'mjpeg' },
    ]);
  });

  it('takes the longest stream duration when the container has none', () => {
    const raw = {
      format: { format_name: 'matroska,webm', duration: 'N/A' },
      streams: [
        { index: 0, codec_type: 'video', codec_name: 'vp8', width: 320, height: 240, duration: '9.5' },
        { index: 1, codec_type: 'audio', codec_name: 'opus', duration: '10.02' },
      ],
    };
    expect(parseProbeOutput(JSON.stringify(raw)).durationSec).toBe(10.02);
  });

  it('rejects a file without audio or video', () => {
    const subtitles = { format: { format_name: 'srt', duration: '60' }, streams: [{ index: 0, codec_type: 'subtitle', codec_name: 'subrip' }] };
    expect(() => parseProbeOutput(JSON.stringify(subtitles))).toThrow(new ProbeOutputError('it has no audio or video stream'));
  });

  it('rejects output without a duration, a format, or JSON at all', () => {
    const noDuration = { format: { format_name: 'h264' }, streams: [{ index: 0, codec_type: 'video', codec_name: 'h264' }] };
    expect(() => parseProbeOutput(JSON.stringify(noDuration))).toThrow('its duration is unknown');
    // What ffprobe prints on stdout when it cannot read the input.
    expect(() => parseProbeOutput('{\n\n}')).toThrow('no container format was recognised');
    expect(() => parseProbeOutput('not json')).toThrow(ProbeOutputError);
  });
});
