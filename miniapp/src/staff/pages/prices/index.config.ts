export default definePageConfig({
  navigationBarTitleText: '有偿服务价目表',
  enablePullDownRefresh: true,
});
