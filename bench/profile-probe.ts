// Loaded into a server under study (node --import): the first SIGUSR2 starts V8's CPU profiler, the next stops it and writes the profile to $PROFILE_PROBE_FILE.
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';

const file = process.env.PROFILE_PROBE_FILE;
let session: Session | undefined;

process.on('SIGUSR2', () => {
  void (async () => {
    if (session === undefined) {
      session = new Session();
      session.connect();
      await session.post('Profiler.enable');
      await session.post('Profiler.setSamplingInterval', { interval: 1000 });
      await session.post('Profiler.start');
      process.stderr.write('profile-probe started\n');
    } else {
      const { profile } = await session.post('Profiler.stop');
      session.disconnect();
      session = undefined;
      if (file) writeFileSync(file, JSON.stringify(profile));
      process.stderr.write('profile-probe written\n');
    }
  })();
});
