import {
  Body,
  Controller,
  ForbiddenException,
  Get,
  HttpCode,
  NotFoundException,
  Param,
  Post,
  Put,
} from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  CATEGORY_NAMES,
  CategoryName,
  isRepairTrade,
  REPAIR_TRADES,
  RepairTrade,
  STANDARD_DEPARTMENTS,
  TICKET_CONTENT_MAX,
  detectTrade,
  EMERGENCY_LABELS,
  TICKET_KINDS,
  TicketKind,
} from '@wuye/shared';
import { IsArray, IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { DataSource } from 'typeorm';
import { ClassifierService } from '../classification/classifier.service';
import { AuthUser, CurrentUser } from '../common/auth-user';
import { UUID } from '../common/pipes';
import { Project } from '../org/entities';
import { TicketsService } from '../tickets/tickets.service';
import { CorrectionService } from './correction.service';
import { RoutingService } from './routing.service';
import { ApiOkResponse } from '@nestjs/swagger';
import { ClassificationPreview, ClassifierModel, RoutingCategories, RoutingTable, Trades } from './responses';
import { TicketDetail } from '../tickets/responses';

class PreviewDto {
  @IsString() @MinLength(1) @MaxLength(TICKET_CONTENT_MAX) text: string;
  /** The kind the resident is filing it as, for the kind suggestion (optional: older mini-programs omit it). */
  @IsOptional() @IsIn(TICKET_KINDS, { message: '没有这种反馈类型' }) kind?: TicketKind;
}
class CategoryDto {
  @IsIn(CATEGORY_NAMES, { message: '请选择八大投诉分类之一' }) category: CategoryName;
}
class StaffTradesDto {
  @IsArray({ message: '工种应为列表' })
  @IsIn(REPAIR_TRADES, { each: true, message: '没有这个维修工种' })
  trades: RepairTrade[];
}

class RuleDto {
  @IsIn(STANDARD_DEPARTMENTS.map((d) => d.code), { message: '没有这个部门' }) departmentCode: string;
}

@ApiTags('classification')
@ApiBearerAuth()
@Controller()
export class RoutingController {
  constructor(
    private readonly ds: DataSource,
    private readonly classifier: ClassifierService,
    private readonly routing: RoutingService,
    private readonly corrections: CorrectionService,
    private readonly tickets: TicketsService,
  ) {}

  /** While a resident types: the predicted category and the department that would handle it. */
  @Post('classification/preview')
  @HttpCode(200)
  @ApiOkResponse({ type: ClassificationPreview })
  async preview(@CurrentUser() user: AuthUser, @Body() dto: PreviewDto) {
    const projectId = user.projectId;
    const project = projectId ? await this.ds.getRepository(Project).findOneBy({ id: projectId }) : null;
    if (!project) throw new ForbiddenException('请先绑定房屋');
    const table = await this.routing.table(project.id);
    const c = await this.classifier.classify(project.companyId, dto.text, table, dto.kind);
    // A repair goes to the department of its trade (as DispatchService routes it), a complaint by its category.
    const code =
      dto.kind === 'repair' ? (await this.routing.tradeTable(project.id))[detectTrade(dto.text).trade] : null;
    const dept = STANDARD_DEPARTMENTS.find((d) => d.code === (code ?? c.departmentCode))!;
    return {
      category: c.category,
      // Residents see the department in words, never a confidence number (staff previews keep it).
      ...(user.kind === 'staff' ? { confidence: c.confidence } : {}),
      department: dept.name,
      sure: !c.needsTriage,
      emergency: c.flags.emergency,
      /** Added for the emergency path: which emergency, in words (null when none). */
      emergencyKind: c.flags.emergencyKind,
      emergencyLabel: c.flags.emergencyKind ? EMERGENCY_LABELS[c.flags.emergencyKind] : null,
      /** The project's 24-hour duty phone, offered with an emergency (tap to call); null when none is set. */
      dutyPhone: c.flags.emergency ? project.dutyPhone : null,
      /** The kind the text reads as when it differs from `kind` (e.g. filed as 投诉, reads as 报修). */
      kindSuggestion: c.kindSuggestion
        ? { kind: c.kindSuggestion.kind, label: c.kindSuggestion.label }
        : null,
    };
  }

  /** A staff correction of a complaint's category: stored as a labelled example, learnt at once. */
  @Post('tickets/:id/category')
  @HttpCode(200)
  @ApiOkResponse({ type: TicketDetail })
  async correct(@CurrentUser() user: AuthUser, @Param('id', UUID) id: string, @Body() dto: CategoryDto) {
    const t = await this.tickets.findVisible(user, id);
    if (!t) throw new NotFoundException('没有找到这条反馈');
    return this.corrections.correct(user, t, dto.category);
  }

  @Get('classification/models')
  @ApiOkResponse({ type: [ClassifierModel] })
  models(@CurrentUser() user: AuthUser) {
    return this.classifier.versions(user);
  }

  /** Full retrain on the corpus plus the company's corrections; accuracy before/after recorded. */
  @Post('classification/retrain')
  @HttpCode(200)
  @ApiOkResponse({ type: [ClassifierModel] })
  retrain(@CurrentUser() user: AuthUser) {
    return this.classifier.retrain(user);
  }

  /** Roll back (or forward) to a version; `shipped` returns to the model the server ships with. */
  @Post('classification/models/:id/activate')
  @HttpCode(200)
  @ApiOkResponse({ type: [ClassifierModel] })
  activate(@CurrentUser() user: AuthUser, @Param('id') id: string) {
    return this.classifier.activate(user, id === 'shipped' ? null : id);
  }

  @Get('routing')
  @ApiOkResponse({ type: RoutingTable })
  async table(@CurrentUser() user: AuthUser) {
    if (user.kind !== 'staff' || !user.projectId)
      throw new ForbiddenException('只有小区员工可以查看分派规则');
    return this.routing.table(user.projectId);
  }

  /** The categories the project's staff may pick, and all eight with their departments (the staff screens). */
  @Get('routing/categories')
  @ApiOkResponse({ type: RoutingCategories })
  categories(@CurrentUser() user: AuthUser) {
    return this.routing.categories(user);
  }

  /** Repairs: trade → department, and the trades each staff member does. */
  @Get('routing/trades')
  @ApiOkResponse({ type: Trades })
  trades(@CurrentUser() user: AuthUser) {
    return this.routing.trades(user);
  }

  @Put('routing/trades/:trade')
  @ApiOkResponse({ type: Trades })
  setTrade(@CurrentUser() user: AuthUser, @Param('trade') trade: string, @Body() dto: RuleDto) {
    if (!isRepairTrade(trade)) throw new NotFoundException('没有这个维修工种');
    return this.routing.setTradeRule(user, trade, dto.departmentCode);
  }

  @Put('routing/staff/:id/trades')
  @ApiOkResponse({ type: Trades })
  setStaffTrades(@CurrentUser() user: AuthUser, @Param('id', UUID) id: string, @Body() dto: StaffTradesDto) {
    return this.routing.setStaffTrades(user, id, dto.trades);
  }

  @Put('routing/:category')
  @ApiOkResponse({ type: RoutingTable })
  setRule(@CurrentUser() user: AuthUser, @Param('category') category: string, @Body() dto: RuleDto) {
    if (!(CATEGORY_NAMES as readonly string[]).includes(category))
      throw new NotFoundException('没有这个投诉分类');
    return this.routing.setRule(user, category as CategoryName, dto.departmentCode);
  }
}
