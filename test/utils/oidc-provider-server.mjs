// A real OpenID provider (panva's oidc-provider) for the Hwb sign-in tests, run as its own
// process because oidc-provider is ESM-only and Jest loads CommonJS.
//
// Environment: REDIRECT_URI (the tracker's callback), CLIENT_ID, CLIENT_SECRET.
// Accounts: the login typed at the provider is the account id and its email;
// "unverified:someone@x" signs in someone@x with email_verified false.
// Commands on stdin, one per line, change the next ID tokens the provider issues, as a
// misconfigured or hostile provider would: "mode normal", "mode wrong-audience", "mode expired".
// Prints {"issuer": "..."} on stdout once it listens.
import Provider from 'oidc-provider';
import { exportJWK, generateKeyPair, decodeJwt, SignJWT } from 'jose';
import { createInterface } from 'node:readline';

const { privateKey } = await generateKeyPair('RS256', { extractable: true });
const signingKey = { ...(await exportJWK(privateKey)), kid: 'test-key', alg: 'RS256', use: 'sig' };

let mode = 'normal';
createInterface({ input: process.stdin }).on('line', (line) => {
  const [command, value] = line.trim().split(/\s+/);
  if (command === 'mode') mode = value;
  process.stdout.write(`${JSON.stringify({ mode })}\n`);
});

function accountFor(login) {
  const unverified = login.startsWith('unverified:');
  const email = unverified ? login.slice('unverified:'.length) : login;
  return {
    accountId: login,
    claims: () => ({ sub: login, email, email_verified: !unverified }),
  };
}

const server = await new Promise((resolve) => {
  import('node:http').then(({ createServer }) => {
    const http = createServer();
    http.listen(0, '127.0.0.1', () => resolve(http));
  });
});
const issuer = `http://127.0.0.1:${server.address().port}`;

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: process.env.CLIENT_ID,
      client_secret: process.env.CLIENT_SECRET,
      redirect_uris: [process.env.REDIRECT_URI],
      response_types: ['code'],
      grant_types: ['authorization_code'],
    },
  ],
  jwks: { keys: [signingKey] },
  cookies: { keys: ['a-cookie-key-for-the-test-provider-only'] },
  claims: { openid: ['sub'], email: ['email', 'email_verified'] },
  findAccount: (_ctx, id) => accountFor(id),
  pkce: { required: () => true },
});

/** Re-signs the ID token the token endpoint answers with, with the provider's own key. */
async function tampered(idToken) {
  const claims = decodeJwt(idToken);
  if (mode === 'wrong-audience') claims.aud = 'some-other-service';
  if (mode === 'expired') {
    claims.iat -= 7200;
    claims.exp = claims.iat + 600;
  }
  return new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: 'test-key' }).sign(privateKey);
}

provider.use(async (ctx, next) => {
  await next();
  if (ctx.path === '/token' && mode !== 'normal' && ctx.body && ctx.body.id_token) {
    ctx.body = { ...ctx.body, id_token: await tampered(ctx.body.id_token) };
  }
});

server.on('request', provider.callback());
process.stdout.write(`${JSON.stringify({ issuer })}\n`);
