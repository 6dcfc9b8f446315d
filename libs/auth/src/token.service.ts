import { Injectable, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Access tokens: HS256 JWTs, `sub` = user id; issuer, expiry and secret come from JwtModule's options. */
@Injectable()
export class TokenService {
  constructor(private readonly jwt: JwtService) {}

  sign(userId: string): Promise<string> {
    return this.jwt.signAsync({}, { subject: userId });
  }

  /**
   * The user id the token was issued to; CPU only (no I/O). jsonwebtoken checks `exp` only when present,
   * so a token without one (which would never expire) is refused here.
   */
  async verify(token: string): Promise<string> {
    const payload = await this.jwt.verifyAsync<{ sub?: unknown; exp?: unknown }>(token).catch(() => null);
    const valid = typeof payload?.sub === 'string' && UUID.test(payload.sub) && typeof payload.exp === 'number';
    if (!valid) throw new UnauthorizedException('Invalid or expired token');
    return payload.sub as string;
  }
}
