/**
 * The survey sub-packages' door to @wuye/shared: the rating scales only (one small dist module), so
 * nothing of the sampling or results code reaches the mini-program.
 */
export * from '@wuye/shared/dist/surveys/scales';
