export default definePageConfig({
  navigationBarTitleText: '同一事件',
  enablePullDownRefresh: true,
});
