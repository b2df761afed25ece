export default definePageConfig({
  navigationBarTitleText: '统一回复口径',
});
