import type { EntityManager } from 'typeorm';
import type { NotifyMessage } from '../notifications/notifications.service';

/**
 * A port for domains below notifications (org: binding applications and decisions) to tell people something
 * without importing the notifications domain, which reads org's people and households. NotificationsService is
 * the implementation (notifications/notifier.module.ts provides it under this token for the whole app).
 */
export abstract class Notifier {
  abstract notify(
    userIds: (string | null | undefined)[],
    msg: NotifyMessage,
    m?: EntityManager,
  ): Promise<unknown>;
}
