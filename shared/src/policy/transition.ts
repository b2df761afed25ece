import type { TransitionPolicy } from '../lifecycle/apply';
import { workTimeOf, type ProjectPolicy } from './policy';

/** What `applyTransition` / `allowedActions` need of a project's policy (facts.policy). */
export function transitionPolicyOf(policy: ProjectPolicy): TransitionPolicy {
  return {
    photosRequiredOnHandled: policy.transitions.photosRequiredOnHandled,
    deadlineRules: policy.deadlines,
    closeWindow: policy.closing.window,
    workTime: workTimeOf(policy),
  };
}
