export default definePageConfig({
  navigationBarTitleText: '调查详情',
  enablePullDownRefresh: true,
});
