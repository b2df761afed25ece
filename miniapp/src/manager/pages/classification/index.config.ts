export default definePageConfig({
  navigationBarTitleText: '投诉分类统计表',
  enablePullDownRefresh: true,
});
