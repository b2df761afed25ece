export default definePageConfig({
  navigationBarTitleText: '重点客户台账',
  enablePullDownRefresh: true,
});
