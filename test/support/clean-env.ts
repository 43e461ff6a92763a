// Runs before every test file: removes the variables Vite adds to process.env (BASE_URL '/', MODE, DEV, PROD, SSR),
// which are not the application's; BASE_URL '/' would otherwise reach src/cli/config.ts, in-process and in every child process.
for (const name of ['BASE_URL', 'MODE', 'DEV', 'PROD', 'SSR']) delete process.env[name];
