export default definePageConfig({
  navigationBarTitleText: '服务禁语',
});
