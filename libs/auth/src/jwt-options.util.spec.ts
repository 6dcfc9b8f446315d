import { JwtService } from '@nestjs/jwt';
import { KeyObject } from 'node:crypto';
import { AuthEnv } from '@app/config';
import { jwtModuleOptions, parseExpiresIn } from './jwt-options.util';

describe('JWT options', () => {
  it.each([
    ['900', 900],
    ['15m', '15m'],
    ['12h', '12h'],
    ['7d', '7d'],
  ])('reads JWT_EXPIRES_IN=%s as %p', (value, expected) => expect(parseExpiresIn(value)).toBe(expected));

  it('signs HS256 tokens with the issuer and expiry, and verifies only those', async () => {
    const auth = Object.assign(new AuthEnv(), { JWT_SECRET: 's'.repeat(40), JWT_EXPIRES_IN: '900', JWT_ISSUER: 'wp-test' });
    const jwt = new JwtService(jwtModuleOptions(auth));
    const token = await jwt.signAsync({}, { subject: 'user-1' });
    const payload = await jwt.verifyAsync<{ sub: string; iss: string; iat: number; exp: number }>(token);
    expect(payload).toMatchObject({ sub: 'user-1', iss: 'wp-test' });
    expect(payload.exp - payload.iat).toBe(900);
    expect(JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString())).toMatchObject({ alg: 'HS256' });

    const otherIssuer = new JwtService(jwtModuleOptions(Object.assign(new AuthEnv(), { ...auth, JWT_ISSUER: 'someone-else' })));
    await expect(otherIssuer.verifyAsync(token)).rejects.toThrow(/issuer/);
  });

  it('hands jsonwebtoken a KeyObject, which spares it a failed PEM parse on every call', async () => {
    const auth = Object.assign(new AuthEnv(), { JWT_SECRET: 's'.repeat(40) });
    expect(jwtModuleOptions(auth).secret).toBeInstanceOf(KeyObject);
    const fromString = await new JwtService({ secret: auth.JWT_SECRET }).signAsync({}, { subject: 'u', issuer: auth.JWT_ISSUER });
    await expect(new JwtService(jwtModuleOptions(auth)).verifyAsync(fromString)).resolves.toMatchObject({ sub: 'u' });
  });
});
