import { ConflictException, Injectable, UnauthorizedException } from '@nestjs/common';
import { PrismaService, isUniqueViolation } from '@app/database';
import { AuditService } from './audit.service';
import { ClientInfo } from './client-info.decorator';
import { LoginDto } from './dto/login.dto';
import { RegisterDto } from './dto/register.dto';
import { PasswordService } from './password.service';
import { TokenService } from './token.service';
import { PUBLIC_USER_SELECT, PublicUser } from './user-views';

export interface AuthResult {
  user: PublicUser;
  accessToken: string;
}

/** One message for unknown email and wrong password alike: no user enumeration through login. */
export const INVALID_LOGIN = 'Invalid email or password';

@Injectable()
export class AuthService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly passwords: PasswordService,
    private readonly tokens: TokenService,
    private readonly audit: AuditService,
  ) {}

  async register(dto: RegisterDto, client: ClientInfo): Promise<AuthResult> {
    const passwordHash = await this.passwords.hash(dto.password);
    const user = await this.prisma.user
      .create({ data: { email: dto.email, name: dto.name, passwordHash }, select: PUBLIC_USER_SELECT })
      .catch((err: unknown) => {
        throw isUniqueViolation(err) ? new ConflictException('An account with this email already exists') : err;
      });
    await this.audit.record({ action: 'auth.register', userId: user.id, entityType: 'User', entityId: user.id, ...client });
    return { user, accessToken: await this.tokens.sign(user.id) };
  }

  async login(dto: LoginDto, client: ClientInfo): Promise<AuthResult> {
    const found = await this.prisma.user.findUnique({
      where: { email: dto.email },
      select: { ...PUBLIC_USER_SELECT, passwordHash: true, disabledAt: true },
    });
    if (!found) {
      await this.passwords.verifyNothing(dto.password);
      return this.refuse(null, 'unknown_email', dto.email, client);
    }
    const { passwordHash, disabledAt, ...user } = found;
    if (!(await this.passwords.verify(passwordHash, dto.password))) return this.refuse(user.id, 'wrong_password', dto.email, client);
    // Only someone who knows the password learns that the account is disabled.
    if (disabledAt) return this.refuse(user.id, 'disabled', dto.email, client, 'Account is disabled');
    const rehash = this.passwords.isOutdated(passwordHash) ? { passwordHash: await this.passwords.hash(dto.password) } : {};
    await this.prisma.user.update({ where: { id: user.id }, data: { lastLoginAt: new Date(), ...rehash } });
    await this.audit.record({ action: 'auth.login', userId: user.id, entityType: 'User', entityId: user.id, ...client });
    return { user, accessToken: await this.tokens.sign(user.id) };
  }

  private async refuse(userId: string | null, reason: string, email: string, client: ClientInfo, message = INVALID_LOGIN): Promise<never> {
    await this.audit.record({
      action: 'auth.login_failed',
      userId,
      entityType: 'User',
      entityId: userId ?? undefined,
      metadata: { reason, email },
      ...client,
    });
    throw new UnauthorizedException(message);
  }
}
