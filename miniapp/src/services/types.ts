/** Shapes of the 物业通 API as the mini-program reads them (server contract, JSON). */
import type { Channel, Role, TicketKind, TicketStatus } from '../shared';

/** A household 户, e.g. label "1栋1单元101". */
export interface HouseholdRef {
  id: string;
  label: string;
  projectId?: string;
}

export interface User {
  id: string;
  name: string;
  kind: 'resident' | 'staff';
  role: Role;
  roleLabel: string;
  projectId: string | null;
  projectName?: string | null;
  departmentName?: string | null;
  households: HouseholdRef[];
}

export interface DevAccount {
  id: string;
  name: string;
  kind: 'resident' | 'staff';
  role: Role;
  roleLabel: string;
  departmentName?: string | null;
  householdLabel?: string | null;
}

/** The login answer's user is a short form; the full profile comes from GET /api/me. */
export interface LoginResult {
  token: string;
  user: Pick<User, 'id' | 'name' | 'kind' | 'role'> & Partial<User>;
}

/** A compound 项目/小区 (GET /api/org/projects, used by residents not yet bound anywhere). */
export interface ProjectRef {
  id: string;
  name: string;
  address?: string | null;
  companyName?: string | null;
}

export interface OrgTree {
  id: string;
  name: string;
  buildings: Array<{
    id: string;
    name: string;
    units: Array<{
      id: string;
      name: string;
      households: Array<{ id: string; label: string; room: string }>;
    }>;
  }>;
}

export type BindingRelation = 'owner' | 'tenant' | 'family';
export type BindingStatus = 'pending' | 'approved' | 'rejected';

export interface Binding {
  id: string;
  status: BindingStatus;
  relation?: BindingRelation;
  household: { id: string; label: string };
}

export interface UploadResult {
  id: string;
  url: string;
}

export interface TicketSummary {
  id: string;
  number: string;
  kind: TicketKind;
  status: TicketStatus;
  /** The list endpoint sends `summary` (first part of the content); the detail sends `content`. */
  summary?: string;
  content?: string;
  createdAt: string;
  anonymous?: boolean;
  household?: { id: string; label: string } | null;
  location?: string | null;
}

export interface TicketEvent {
  id: string;
  fromStatus: TicketStatus | null;
  toStatus: TicketStatus;
  action: string;
  actorName: string | null;
  note: string | null;
  createdAt: string;
}

export interface TicketDetail extends TicketSummary {
  content: string;
  channel: Channel;
  anonymous: boolean;
  location: string | null;
  household: { id: string; label: string } | null;
  photos: Array<{ id: string; url: string }>;
  events: TicketEvent[];
}

export interface Page<T> {
  items: T[];
  total: number;
}

/** Body of POST /api/tickets. */
export interface CreateTicketBody {
  kind: TicketKind;
  content: string;
  photoIds: string[];
  householdId?: string;
  location?: string;
  anonymous: boolean;
  channel: 'miniapp';
  idempotencyKey: string;
}
