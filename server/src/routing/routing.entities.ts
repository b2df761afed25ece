import { Column, Entity, PrimaryColumn } from 'typeorm';
import { ID } from '../common/entity-helpers';
// The category → department rules are part of the project's policy and corrections are the classifier's
// examples: their tables live with them (policy/, classification/), re-exported here.
import { ClassificationCorrection } from '../classification/correction.entity';
import { RoutingRule } from '../policy/routing-rule.entity';

export { ClassificationCorrection, RoutingRule };

/** A trade 工种 a staff member does (水电, 土建, 电梯外包 …): repairs of that trade go to them first. */
@Entity('staff_trades')
export class StaffTrade {
  @PrimaryColumn(ID) userId: string;
  @PrimaryColumn({ type: 'varchar', length: 20 }) trade: string;
}
