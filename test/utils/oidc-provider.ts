import { ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export type ProviderMode = 'normal' | 'wrong-audience' | 'expired';

export interface TestOidcProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Makes the provider's next ID tokens wrong in one way, as a broken or hostile provider would. */
  setMode(mode: ProviderMode): Promise<void>;
  close(): Promise<void>;
}

/**
 * A free TCP port on loopback, so the app's APP_URL (and the provider's redirect URI) can name it before it listens.
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Starts the real oidc-provider in its own process (see oidc-provider-server.mjs). */
export async function startOidcProvider(redirectUri: string): Promise<TestOidcProvider> {
  const clientId = 'tracker-test-client';
  const clientSecret = 'a-client-secret-for-the-test-provider';
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, [join(__dirname, 'oidc-provider-server.mjs')], {
    env: { ...process.env, REDIRECT_URI: redirectUri, CLIENT_ID: clientId, CLIENT_SECRET: clientSecret },
  });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const first = await lines.next();
  if (first.done) throw new Error('The test OpenID provider did not start');
  const { issuer } = JSON.parse(first.value) as { issuer: string };
  return {
    issuer,
    clientId,
    clientSecret,
    setMode: async (mode) => {
      child.stdin.write(`mode ${mode}\n`);
      await lines.next();
    },
    close: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill();
      }),
  };
}
