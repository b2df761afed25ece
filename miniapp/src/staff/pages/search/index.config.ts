export default definePageConfig({
  navigationBarTitleText: '查找工单',
  enablePullDownRefresh: true,
});
