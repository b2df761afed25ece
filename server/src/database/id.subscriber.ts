import { EntitySubscriberInterface, EventSubscriber, InsertEvent } from 'typeorm';
import { newId } from '../common/entity-helpers';

/** Gives every new row with an empty string `id` a uuid, whether it was saved as an entity or a plain object. */
@EventSubscriber()
export class IdSubscriber implements EntitySubscriberInterface {
  beforeInsert(event: InsertEvent<{ id?: string }>): void {
    const idColumn = event.metadata.primaryColumns.find((c) => c.propertyName === 'id');
    if (idColumn && event.entity && !event.entity.id) event.entity.id = newId();
  }
}
