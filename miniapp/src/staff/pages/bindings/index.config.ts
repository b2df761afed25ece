export default definePageConfig({
  navigationBarTitleText: '住户绑定',
  enablePullDownRefresh: true,
});
