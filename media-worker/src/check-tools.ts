import { type Config, ConfigError } from './config';
import { runTool } from './run-tool';

/**
 * Runs `<bin> -version` for ffmpeg and ffprobe before taking any job. A worker that cannot start
 * them would take jobs only to fail them attempt after attempt; refusing to start names the
 * variable to fix instead.
 */
export async function checkTools(config: Config): Promise<void> {
  for (const variable of ['FFPROBE_BIN', 'FFMPEG_BIN'] as const) {
    const bin = config[variable];
    try {
      await runTool(bin, ['-version'], { signal: AbortSignal.timeout(10_000) });
    } catch (error) {
      throw new ConfigError(variable, `cannot be run (${JSON.stringify(bin)}: ${(error as Error).message})`);
    }
  }
}
