import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC_KEY = 'wp:isPublic';

/** The route needs no authentication (health, metrics, docs, auth, public webhooks). */
export const Public = () => SetMetadata(IS_PUBLIC_KEY, true);
