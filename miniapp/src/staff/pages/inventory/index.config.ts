export default definePageConfig({
  navigationBarTitleText: '日盘点',
  enablePullDownRefresh: true,
});
