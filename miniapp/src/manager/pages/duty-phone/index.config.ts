export default definePageConfig({
  navigationBarTitleText: '24小时值班电话',
});
