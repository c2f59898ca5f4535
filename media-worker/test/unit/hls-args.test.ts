import { buildHlsArgs, type HlsJob, planLadder, planSprite } from '../../src/hls-args';

const job: HlsJob = {
  input: '/scratch/in/talk.mp4',
  video: { width: 1920, height: 1080 },
  hasAudio: true,
  startSec: 0,
  durationSec: 60,
  outputDir: '/scratch/out',
};

/** The value after each occurrence of an option. */
function valuesOf(args: string[], option: string): string[] {
  return args.flatMap((arg, i) => (arg === option ? [args[i + 1]!] : []));
}

function filterGraph(args: string[]): string {
  return valuesOf(args, '-filter_complex')[0]!;
}

describe('planLadder', () => {
  it('gives a 1080p source every rung, highest first, with widths from its aspect ratio', () => {
    expect(planLadder(1920, 1080).map((r) => [r.name, r.width, r.height])).toEqual([
      ['1080p', 1920, 1080],
      ['720p', 1280, 720],
      ['480p', 854, 480],
      ['360p', 640, 360],
    ]);
  });

  it('never scales up: a 720p source gets 720, 480 and 360', () => {
    expect(planLadder(1280, 720).map((r) => r.name)).toEqual(['720p', '480p', '360p']);
  });

  it('keeps an in-between source to the rungs below it', () => {
    expect(planLadder(1024, 576).map((r) => r.name)).toEqual(['480p', '360p']);
  });

  it('gives a source below the lowest rung one rendition at its own even height', () => {
    expect(planLadder(320, 240)).toEqual([{ name: '240p', width: 320, height: 240, maxrateKbps: 800 }]);
    expect(planLadder(427, 239)).toEqual([{ name: '238p', width: 426, height: 238, maxrateKbps: 800 }]);
  });

  it('keeps a portrait video portrait', () => {
    expect(planLadder(1080, 1920).map((r) => [r.width, r.height])).toEqual([
      [608, 1080],
      [406, 720],
      [270, 480],
      [202, 360],
    ]);
  });

  it('refuses a size of zero', () => {
    expect(() => planLadder(0, 0)).toThrow(RangeError);
  });
});

describe('planSprite', () => {
  it('takes a tile every 10 s, ten to a row, 160 px wide', () => {
    expect(planSprite(60, 1920, 1080)).toEqual({ intervalSec: 10, columns: 6, rows: 1, tileWidth: 160, tileHeight: 90 });
    expect(planSprite(3600, 1280, 720)).toEqual({ intervalSec: 10, columns: 10, rows: 36, tileWidth: 160, tileHeight: 90 });
  });

  it('has one tile for a clip shorter than the interval', () => {
    expect(planSprite(6, 1280, 720)).toMatchObject({ columns: 1, rows: 1 });
  });

  it('spaces tiles out on a very long recording so the image stays a sensible size', () => {
    const sprite = planSprite(10 * 3600, 1280, 720);
    expect(sprite.intervalSec).toBeGreaterThan(10);
    expect(sprite.columns * sprite.rows).toBeLessThanOrEqual(1080);
  });
});

describe('buildHlsArgs', () => {
  it('lets ffmpeg open local files only, for the input and the HLS output', () => {
    const { args } = buildHlsArgs(job);
    expect(valuesOf(args, '-protocol_whitelist')).toEqual(['file', 'file']);
    expect(valuesOf(args, '-format_whitelist')).toEqual(['mov,matroska']);
    expect(valuesOf(args, '-i')).toEqual(['file:/scratch/in/talk.mp4']);
    // The whitelist comes before the input it guards.
    expect(args.indexOf('-protocol_whitelist')).toBeLessThan(args.indexOf('-i'));
  });

  it('refuses a relative input or output path', () => {
    expect(() => buildHlsArgs({ ...job, input: 'talk.mp4' })).toThrow(TypeError);
    expect(() => buildHlsArgs({ ...job, outputDir: 'out' })).toThrow(TypeError);
  });

  it('decodes once and splits to every rendition, the poster and the sprite', () => {
    const { args } = buildHlsArgs(job);
    const graph = filterGraph(args);
    expect(graph).toMatch(/^\[0:v:0\]split=6\[s0\]\[s1\]\[s2\]\[s3\]\[sposter\]\[ssprite\];/);
    expect(graph).toContain('[s0]scale=1920:1080,setsar=1[v0]');
    expect(graph).toContain('[s3]scale=640:360,setsar=1[v3]');
    expect(graph).toContain('[0:a:0]aresample=48000,asplit=4[a0][a1][a2][a3]');
  });

  it('writes an HLS VOD ladder with a master playlist and predictable names', () => {
    const plan = buildHlsArgs(job);
    const { args } = plan;
    expect(valuesOf(args, '-f')).toEqual(['hls']);
    expect(valuesOf(args, '-hls_playlist_type')).toEqual(['vod']);
    expect(valuesOf(args, '-master_pl_name')).toEqual(['master.m3u8']);
    expect(valuesOf(args, '-var_stream_map')).toEqual(['v:0,a:0,name:1080p v:1,a:1,name:720p v:2,a:2,name:480p v:3,a:3,name:360p']);
    expect(valuesOf(args, '-hls_segment_filename')).toEqual(['file:/scratch/out/%v/segment-%04d.ts']);
    expect(args.at(-1)).toBe('file:/scratch/out/%v/index.m3u8');
    expect(plan.master).toBe('master.m3u8');
    expect(plan.renditions.map((r) => r.playlist)).toEqual(['1080p/index.m3u8', '720p/index.m3u8', '480p/index.m3u8', '360p/index.m3u8']);
  });

  it('encodes H.264 with keyframes at every segment boundary in every rendition, and AAC sound', () => {
    const { args } = buildHlsArgs({ ...job, encoder: { segmentSec: 6, preset: 'superfast' } });
    expect(valuesOf(args, '-c:v')).toEqual(['libx264']);
    expect(valuesOf(args, '-preset')).toEqual(['superfast']);
    expect(valuesOf(args, '-force_key_frames')).toEqual(['expr:gte(t,n_forced*6)']);
    expect(valuesOf(args, '-sc_threshold')).toEqual(['0']);
    expect(valuesOf(args, '-hls_time')).toEqual(['6']);
    expect(valuesOf(args, '-c:a')).toEqual(['aac']);
    expect(valuesOf(args, '-maxrate:v:0')).toEqual(['5000k']);
    expect(valuesOf(args, '-maxrate:v:3')).toEqual(['800k']);
  });

  it('reports progress on stdout', () => {
    expect(valuesOf(buildHlsArgs(job).args, '-progress')).toEqual(['pipe:1']);
  });

  it('writes a poster from early in the talk and a sprite of 160 px tiles every 10 s', () => {
    const plan = buildHlsArgs(job);
    const graph = filterGraph(plan.args);
    expect(graph).toContain('[sposter]trim=start=6.000,scale=-2:720,setsar=1[poster]');
    expect(graph).toContain("[ssprite]select='isnan(prev_selected_t)+gte(t-prev_selected_t\\,10)',scale=160:90,setsar=1,tile=6x1[sprite]");
    expect(plan.args).toContain('file:/scratch/out/poster.jpg');
    expect(plan.args).toContain('file:/scratch/out/sprite.jpg');
    expect(plan.sprite).toEqual({ key: 'sprite.jpg', intervalSec: 10, columns: 6, rows: 1, tileWidth: 160, tileHeight: 90 });
  });

  it('applies the trim as a seek and a length on the input', () => {
    const { args } = buildHlsArgs({ ...job, startSec: 12.5, durationSec: 30 });
    const input = args.indexOf('-i');
    expect(valuesOf(args.slice(0, input), '-ss')).toEqual(['12.500']);
    expect(valuesOf(args.slice(0, input), '-t')).toEqual(['30.000']);
  });

  it('shows a neutral frame for sound without a picture, and adds silence to a picture without sound', () => {
    const audioOnly = buildHlsArgs({ ...job, video: null });
    expect(filterGraph(audioOnly.args)).toMatch(/^color=c=0x101010:s=640x360:r=30:d=60\.000,split=3/);
    expect(audioOnly.renditions.map((r) => r.name)).toEqual(['360p']);

    const silent = buildHlsArgs({ ...job, hasAudio: false });
    expect(filterGraph(silent.args)).toContain('anullsrc=r=48000:cl=stereo,atrim=duration=60.000,aresample=48000,asplit=4');
    expect(filterGraph(silent.args)).not.toContain('[0:a:0]');
  });

  it('makes exactly the renditions it is given', () => {
    const plan = buildHlsArgs({ ...job, renditions: [{ name: '720p', width: 1280, height: 720, maxrateKbps: 2800 }] });
    expect(valuesOf(plan.args, '-var_stream_map')).toEqual(['v:0,a:0,name:720p']);
    expect(filterGraph(plan.args)).toMatch(/^\[0:v:0\]split=3\[s0\]\[sposter\]\[ssprite\];/);
  });
});
