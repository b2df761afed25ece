/** ProjectPolicy 项目规则: everything a company or project may set, validated and resolved (docs/policy.md). */
export * from './policy';
export * from './validate';
export * from './resolve';
export * from './transition';
