export default definePageConfig({
  navigationBarTitleText: '月度投诉分析报告',
  enablePullDownRefresh: true,
});
