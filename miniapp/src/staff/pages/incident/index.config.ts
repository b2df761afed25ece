export default definePageConfig({
  navigationBarTitleText: '事件处理',
  enablePullDownRefresh: true,
});
