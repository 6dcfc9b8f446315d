import { Injectable, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface VerifiedToken {
  userId: string;
  /** The browser session (family id) the token was issued for, if any: revoking it refuses the token. */
  sessionId?: string;
}

/** Access tokens: HS256 JWTs, `sub` = user id, `sid` = browser session; issuer, expiry and secret from JwtModule's options. */
@Injectable()
export class TokenService {
  constructor(private readonly jwt: JwtService) {}

  sign(userId: string, sessionId?: string): Promise<string> {
    return this.jwt.signAsync(sessionId ? { sid: sessionId } : {}, { subject: userId });
  }

  /**
   * Who the token was issued to; CPU only (no I/O). jsonwebtoken checks `exp` only when present,
   * so a token without one (which would never expire) is refused here.
   */
  async verify(token: string): Promise<VerifiedToken> {
    const payload = await this.jwt.verifyAsync<{ sub?: unknown; exp?: unknown; sid?: unknown }>(token).catch(() => null);
    const validSid = payload?.sid === undefined || (typeof payload.sid === 'string' && UUID.test(payload.sid));
    const valid = typeof payload?.sub === 'string' && UUID.test(payload.sub) && typeof payload.exp === 'number' && validSid;
    if (!valid) throw new UnauthorizedException('Invalid or expired token');
    return { userId: payload.sub as string, ...(payload.sid ? { sessionId: payload.sid as string } : {}) };
  }
}
