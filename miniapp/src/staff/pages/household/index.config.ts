export default definePageConfig({
  navigationBarTitleText: '业户档案',
});
