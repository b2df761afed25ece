export default definePageConfig({
  navigationBarTitleText: '投诉处理公示',
  enablePullDownRefresh: true,
});
