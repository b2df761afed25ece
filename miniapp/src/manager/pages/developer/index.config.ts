export default definePageConfig({
  navigationBarTitleText: '开发商相关类季度汇总',
  enablePullDownRefresh: true,
});
