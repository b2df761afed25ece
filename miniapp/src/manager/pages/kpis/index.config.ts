export default definePageConfig({
  navigationBarTitleText: '考核指标明细',
  enablePullDownRefresh: true,
});
