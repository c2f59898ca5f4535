import { buildComposeArgs, type ComposeSource, composeWindow } from '../../src/compose-args';

const camera = (offsetSec: number, durationSec: number, path = `/rec/camera-${offsetSec}.mkv`): ComposeSource => ({
  path,
  role: 'camera',
  offsetSec,
  durationSec,
  video: { width: 1280, height: 720 },
  hasAudio: false,
});
const screen = (offsetSec: number, durationSec: number): ComposeSource => ({
  path: `/rec/screen-${offsetSec}.mkv`,
  role: 'screen',
  offsetSec,
  durationSec,
  video: { width: 1920, height: 1080 },
  hasAudio: false,
});
const microphone = (offsetSec: number, durationSec: number): ComposeSource => ({
  path: `/rec/mic-${offsetSec}.mkv`,
  role: 'microphone',
  offsetSec,
  durationSec,
  video: null,
  hasAudio: true,
});

function valuesOf(args: string[], option: string): string[] {
  return args.flatMap((arg, i) => (arg === option ? [args[i + 1]!] : []));
}

function graphOf(sources: ComposeSource[], trim: { startSec: number; endSec: number | null } | null = null): string[] {
  return valuesOf(buildComposeArgs({ sources, trim, output: '/scratch/programme.mkv' }).args, '-filter_complex')[0]!.split(';');
}

describe('buildComposeArgs', () => {
  it('gives every input as a local file behind the file-only whitelist', () => {
    const { args } = buildComposeArgs({ sources: [camera(0, 10), microphone(0, 10)], trim: null, output: '/scratch/programme.mkv' });
    expect(valuesOf(args, '-i')).toEqual(['file:/rec/camera-0.mkv', 'file:/rec/mic-0.mkv']);
    expect(valuesOf(args, '-protocol_whitelist')).toEqual(['file', 'file']);
    args.forEach((arg, i) => {
      if (arg === '-i') expect(args.slice(i - 4, i)).toEqual(['-protocol_whitelist', 'file', '-format_whitelist', 'mov,matroska']);
    });
    expect(args.at(-1)).toBe('file:/scratch/programme.mkv');
    expect(() => buildComposeArgs({ sources: [{ ...camera(0, 10), path: 'camera.mkv' }], trim: null, output: '/scratch/p.mkv' })).toThrow(TypeError);
  });

  it('lets the camera fill the frame when no screen is shared, over a neutral frame as long as the recording', () => {
    const graph = graphOf([camera(2, 8), microphone(0, 12)]);
    expect(graph[0]).toBe('color=c=0x101010:s=1280x720:r=30:d=12.000,format=yuv420p[base0]');
    expect(graph[1]).toBe(
      '[0:v:0]setpts=PTS-STARTPTS+2.000/TB,scale=1280:720:force_original_aspect_ratio=decrease,pad=1280:720:(ow-iw)/2:(oh-ih)/2:color=0x101010,setsar=1[cam0]',
    );
    expect(graph[2]).toBe('[base0][cam0]overlay=eof_action=pass[base1]');
    expect(graph.join(';')).not.toContain('inset');
  });

  it('puts the screen over the camera and the camera as an inset only while a screen is shown', () => {
    const graph = graphOf([camera(0, 60), screen(10, 20), screen(40, 5), microphone(0, 60)]);
    expect(graph[0]).toContain('s=1920x1080');
    expect(graph).toContain('[base0][cam0]overlay=eof_action=pass[base1]');
    expect(graph).toContain('[base1][screen0]overlay=eof_action=pass[base2]');
    expect(graph).toContain('[base2][screen1]overlay=eof_action=pass[base3]');
    expect(graph).toContain('[insetsrc0]scale=480:-2,setsar=1[inset0]');
    expect(graph).toContain("[base3][inset0]overlay=eof_action=pass:x=W-w-28:y=H-h-28:enable='between(t,10.000,30.000)+between(t,40.000,45.000)'[base4]");
    // The inset is the same camera input, split in two.
    expect(graph.find((f) => f.startsWith('[0:v:0]'))).toMatch(/split\[cam0\]\[insetsrc0\]$/);
  });

  it('places each reconnect of the camera at its own offset', () => {
    const graph = graphOf([camera(0, 30, '/rec/a.mkv'), camera(45, 15, '/rec/b.mkv')]);
    expect(graph.find((f) => f.startsWith('[1:v:0]'))).toContain('setpts=PTS-STARTPTS+45.000/TB');
    expect(graph).toContain('[base1][cam1]overlay=eof_action=pass[base2]');
    expect(graph[0]).toContain('d=60.000');
  });

  it('delays every microphone to its offset and mixes them at full level', () => {
    const graph = graphOf([camera(0, 60), microphone(0, 30), microphone(31.5, 28.5)]);
    expect(graph).toContain(
      '[1:a:0]asetpts=PTS-STARTPTS,aresample=48000:async=1,aformat=sample_rates=48000:channel_layouts=stereo,adelay=delays=0:all=1[sound0]',
    );
    expect(graph.find((f) => f.startsWith('[2:a:0]'))).toContain('adelay=delays=31500:all=1[sound1]');
    expect(graph).toContain('[sound0][sound1]amix=inputs=2:duration=longest:dropout_transition=0:normalize=0[mix]');
  });

  it('adds silence when nothing was heard, and a neutral frame when nothing was seen', () => {
    expect(graphOf([camera(0, 20)])).toContain('anullsrc=r=48000:cl=stereo,atrim=duration=20.000[mix]');
    const audioOnly = graphOf([microphone(0, 20)]);
    expect(audioOnly[0]).toBe('color=c=0x101010:s=640x360:r=30:d=20.000,format=yuv420p[base0]');
    expect(audioOnly.join(';')).not.toContain('overlay');
  });

  it('uses an upload among the parts for both its picture and its sound, from one input', () => {
    const upload: ComposeSource = { path: '/up/talk.mp4', role: 'upload', offsetSec: 0, durationSec: 30, video: { width: 1280, height: 720 }, hasAudio: true };
    const { args } = buildComposeArgs({ sources: [upload, microphone(5, 10)], trim: null, output: '/scratch/p.mkv' });
    expect(valuesOf(args, '-i')).toEqual(['file:/up/talk.mp4', 'file:/rec/mic-5.mkv']);
    const graph = valuesOf(args, '-filter_complex')[0]!;
    expect(graph).toContain('[0:v:0]setpts');
    expect(graph).toContain('[0:a:0]asetpts');
    expect(graph).toContain('[1:a:0]asetpts');
  });

  it('puts a live camera that started on a low simulcast layer on a 720p canvas, and an upload at its own size', () => {
    const lowLayer = { ...camera(0, 10), video: { width: 320, height: 180 } };
    expect(buildComposeArgs({ sources: [lowLayer, microphone(0, 10)], trim: null, output: '/scratch/p.mkv' })).toMatchObject({ width: 1280, height: 720 });
    const upload: ComposeSource = { path: '/up/talk.mp4', role: 'upload', offsetSec: 0, durationSec: 30, video: { width: 640, height: 360 }, hasAudio: true };
    expect(buildComposeArgs({ sources: [upload], trim: null, output: '/scratch/p.mkv' })).toMatchObject({ width: 640, height: 360 });
  });

  it('applies the trim to picture and sound last, on the timeline', () => {
    const plan = buildComposeArgs({ sources: [camera(0, 60), microphone(0, 60)], trim: { startSec: 5, endSec: 50 }, output: '/scratch/p.mkv' });
    const graph = valuesOf(plan.args, '-filter_complex')[0]!.split(';');
    expect(graph).toContain('[base1]trim=start=5.000:end=50.000,setpts=PTS-STARTPTS[vout]');
    expect(graph).toContain('[mix]apad=whole_dur=60.000,atrim=start=5.000:end=50.000,asetpts=PTS-STARTPTS[aout]');
    expect(plan.durationSec).toBe(45);
    expect(valuesOf(plan.args, '-map')).toEqual(['[vout]', '[aout]']);
  });

  it('ignores parts that cannot contribute: a camera without picture, a microphone without sound', () => {
    const graph = graphOf([{ ...camera(0, 10), video: null }, { ...microphone(0, 10), hasAudio: false }, microphone(2, 10)]);
    expect(graph.join(';')).not.toContain('overlay');
    expect(graph.join(';')).toContain('[0:a:0]');
    expect(graph[0]).toContain('d=12.000');
  });
});

describe('composeWindow', () => {
  it('runs from the trim start to the trim end or the end of the last part', () => {
    expect(composeWindow([camera(0, 10), microphone(5, 20)], null)).toEqual({ startSec: 0, endSec: 25 });
    expect(composeWindow([camera(0, 10)], { startSec: 2, endSec: null })).toEqual({ startSec: 2, endSec: 10 });
    expect(composeWindow([camera(0, 10)], { startSec: 2, endSec: 99 })).toEqual({ startSec: 2, endSec: 10 });
  });

  it('refuses a trim that leaves nothing, saying why', () => {
    expect(() => composeWindow([camera(0, 10)], { startSec: 12, endSec: null })).toThrow(
      'the trim starts at 12 s, after the end of the 10 s recording',
    );
    expect(() => composeWindow([camera(0, 10.25)], { startSec: 8, endSec: 7.5 })).toThrow('the trim ends (7.5 s) before it starts (8 s)');
    expect(() => composeWindow([], null)).toThrow('there is nothing to compose');
  });
});
