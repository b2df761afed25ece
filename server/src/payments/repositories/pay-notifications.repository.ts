import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PayNotification } from '../entities';

/** The notifications WeChat Pay sent us whose signature held, with what became of each. */
@Injectable()
export class PayNotificationsRepository {
  constructor(private readonly ds: DataSource) {}

  async record(row: Omit<PayNotification, 'id'>): Promise<void> {
    await this.ds.getRepository(PayNotification).insert(row);
  }
}
