import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';
import { ID, NULLABLE_ID, newId, TIMESTAMP } from '../common/entity-helpers';

/** A stored file (photo). The bytes live behind the Storage interface; this is its record. */
@Entity('uploads')
export class Upload {
  @PrimaryColumn(ID) id: string = newId();
  @Column(NULLABLE_ID) companyId: string | null;
  @Index() @Column(ID) uploaderId: string;
  /** Storage key, e.g. 2026/11/<uuid>.jpg — never derived from the client's file name. */
  @Column({ type: 'varchar', length: 200 }) storageKey: string;
  @Column({ type: 'varchar', length: 40 }) mime: string;
  @Column({ type: 'int' }) size: number;
  @Index() @Column(NULLABLE_ID) ticketId: string | null;
  @CreateDateColumn(TIMESTAMP) createdAt: Date;
}
